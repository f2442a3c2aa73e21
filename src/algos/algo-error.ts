/**
 * An order an algorithm cannot work: an unknown algorithm, bad terms or a bad parameter. Thrown by
 * the factory when the order is created, so the dispatcher refuses the order (`invalid_instruction`)
 * before anything is sent. Names the offending field, such as `params.slices`.
 */
export class AlgoError extends Error {
  override readonly name = 'AlgoError';

  constructor(
    /** The path of the offending field: `algo`, `quantity`, `params.durationMs`. */
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}
