import type { VenueFill } from './venue-queries.js';

/**
 * The fills cursor of a venue that numbers its reports (the paper venue, and the standalone venue
 * behind exo's own protocol): the sequence of a report as decimal text. `fillsSince` of it lists
 * the fills of every later report. Opaque to exo, like any venue's cursor; only these venues read it.
 */
export function sequenceCursor(venueSeq: number): string {
  return String(venueSeq);
}

/**
 * The report sequence a cursor names: 0 (before every report) when absent. Throws RangeError for
 * text that is not a non-negative integer, so a cursor of another venue is never misread.
 */
export function sequenceOf(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const venueSeq = /^\d+$/.test(cursor) ? Number(cursor) : Number.NaN;
  if (!Number.isSafeInteger(venueSeq)) {
    throw new RangeError(`cursor must be a report sequence, got ${JSON.stringify(cursor)}`);
  }
  return venueSeq;
}

/** A fill of a venue that numbers its reports: its cursor is `sequenceCursor(venueSeq)`. */
export interface SequencedFill extends VenueFill {
  /** The sequence number of the report that carried this fill; increases with every report. */
  readonly venueSeq: number;
}

/** A page of fills of a venue that numbers its reports: a FillsPage whose fills keep their sequence. */
export interface SequencedPage<F extends SequencedFill = SequencedFill> {
  readonly fills: readonly F[];
  /** The cursor to ask from next (see sequenceCursor). */
  readonly cursor: string;
}

/** Whether `fill` came in a report at or before the one `cursor` names (see Venue.cursorCovers). */
export function sequenceCovers(cursor: string, fill: VenueFill): boolean {
  return sequenceOf(fill.cursor) <= sequenceOf(cursor);
}
