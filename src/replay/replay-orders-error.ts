/**
 * Replay's orders cannot be used: the file (`orders.json`, or the journal they came from), where
 * in it (`3:17` as line:column for a JSON syntax error, or the JSON path `orders[2].quantity`)
 * and why. Its message is the one line `exo replay` prints before exiting 2.
 */
export class ReplayOrdersError extends Error {
  override readonly name = 'ReplayOrdersError';

  constructor(
    readonly file: string,
    readonly at: string,
    readonly reason: string,
  ) {
    const where = at === '' ? ':' : /^\d+:\d+$/.test(at) ? `:${at}:` : `: ${at}:`;
    super(`${file}${where} ${reason}`);
  }
}
