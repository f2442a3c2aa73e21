/**
 * A value at the JSON boundary that is not what exo expects: carries the path of the offending
 * field (`quote.bidPx`) so a feed or client can be told exactly what to fix.
 */
export class ParseError extends Error {
  /** The path of the offending field, such as `report.lastPx`. */
  readonly field: string;

  constructor(field: string, problem: string) {
    super(`${field}: ${problem}`);
    this.name = 'ParseError';
    this.field = field;
  }

  /** The error for a field whose value is not what was expected, naming what it got instead. */
  static expected(field: string, expectation: string, value: unknown): ParseError {
    return new ParseError(field, `expected ${expectation}, got ${describe(value)}`);
  }
}

/** Longest piece of a bad string quoted in an error message: enough to recognise it. */
const MAX_QUOTED = 40;

/**
 * A short, safe description of a value for an error message: strings quoted (and cut short),
 * anything else by its kind only, so that no hostile value can blow up or flood the message.
 */
function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'string') {
    const cut = value.length > MAX_QUOTED ? `${value.slice(0, MAX_QUOTED)}…` : value;
    return JSON.stringify(cut);
  }
  return typeof value;
}
