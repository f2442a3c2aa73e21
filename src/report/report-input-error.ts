/**
 * A recording event or an outcome the report cannot read: names the event (its index in the
 * recording, from 0) or the order, and the field, so a bad figure is never skipped silently.
 */
export class ReportInputError extends Error {
  override readonly name = 'ReportInputError';
  constructor(
    message: string,
    /** Where: `event 12`, `order "a1"`. */
    readonly position: string,
    /** Which field: `bidPx`, `fills[3].qty`. */
    readonly field: string,
  ) {
    super(`${position}: ${field} ${message}`);
  }
}
