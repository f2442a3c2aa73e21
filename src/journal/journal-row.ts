import type { JournalKind } from './journal-kind.js';

/** A value as JSON can hold it: what a journal body reads back as. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue };

/** What a caller asks the journal to append; the journal adds the sequence and the time. */
export interface JournalEntry {
  readonly orderId: string;
  readonly kind: JournalKind;
  /**
   * Unique across the journal: a second entry with a key already journaled is dropped (a no-op
   * reported as `duplicate`). Fills use venue + exec ID, so replayed fills change nothing.
   */
  readonly idempotencyKey: string;
  /**
   * Anything `JSON.stringify` writes (decimals through their `toJSON`); serialized at append. It
   * must not change afterwards: a body that is plain JSON is handed to the commit's followers as
   * it is, not read back from its text.
   */
  readonly body: unknown;
  /**
   * When the event the row records happened, in milliseconds since the epoch: the time the live
   * order shows for it, so that an order replayed from its rows shows the same. The journal's
   * clock at append when absent.
   */
  readonly time?: number;
}

/** One committed journal row, as read back. */
export interface JournalRow {
  /** Position in the journal: strictly increasing in append order, never reused. */
  readonly sequence: number;
  /** When the row was appended, in milliseconds since the epoch (from the journal's clock). */
  readonly time: number;
  readonly orderId: string;
  readonly kind: JournalKind;
  readonly idempotencyKey: string;
  readonly body: JsonValue;
}

/** What an append did, known once its transaction committed. */
export interface AppendResult {
  /** The row's sequence, or for a duplicate the sequence of the row that holds the key. */
  readonly sequence: number;
  /** True when the idempotency key was already journaled and nothing was written. */
  readonly duplicate: boolean;
}
