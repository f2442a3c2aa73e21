/**
 * What a journal row records. The journal stores every body as opaque JSON; the kind tells a
 * reader (recovery, `exo journal export`) how to read it:
 *
 * - `instruction_accepted`: a new, replace or cancel instruction the engine accepted for a parent.
 * - `instruction_refused`: a replace or cancel journaled as accepted that the engine then refused
 *   (the order completed first, say): the order keeps its terms.
 * - `child_intent`: a child order about to be sent (client order ID, venue, side, qty, price, TIF),
 *   written before the request leaves so a crash between the two is visible on restart.
 * - `child_replace`: a replace about to be sent for a child.
 * - `child_cancel`: a cancel about to be sent for a child.
 * - `venue_report`: a venue's report on a child (venue order ID, venue sequence).
 * - `fill`: one execution, keyed by venue + exec ID so that a replayed fill is dropped.
 * - `checkpoint`: a delegate's small saved state, so an algorithm resumes rather than restarts.
 * - `order_completed`: the parent reached a terminal state; its rows may be pruned after retention.
 * - `recovery`: what a restart found and did (reconciliation outcomes).
 * - `limits_changed`: the risk limits in force from then on, who set them and when (`~limits`).
 * - `trading_state_changed`: a scope's trading state from then on (global or a symbol's: active,
 *   reducing or halted), who set it and why (`~trading`).
 */
export type JournalKind =
  | 'instruction_accepted'
  | 'instruction_refused'
  | 'child_intent'
  | 'child_replace'
  | 'child_cancel'
  | 'venue_report'
  | 'fill'
  | 'checkpoint'
  | 'order_completed'
  | 'recovery'
  | 'limits_changed'
  | 'trading_state_changed';

/** Every journal kind, in lifecycle order: for validation and for per-kind counts. */
export const JOURNAL_KINDS: readonly JournalKind[] = [
  'instruction_accepted',
  'instruction_refused',
  'child_intent',
  'child_replace',
  'child_cancel',
  'venue_report',
  'fill',
  'checkpoint',
  'order_completed',
  'recovery',
  'limits_changed',
  'trading_state_changed',
];

/** The kinds whose rows belong to no order: the engine's own (a recovery, a change of limits or state). */
export const ENGINE_KINDS: readonly JournalKind[] = [
  'recovery',
  'limits_changed',
  'trading_state_changed',
];

const KINDS: ReadonlySet<string> = new Set(JOURNAL_KINDS);

/** Whether a string read from a file or a caller is one of the journal's kinds. */
export function isJournalKind(value: unknown): value is JournalKind {
  return typeof value === 'string' && KINDS.has(value);
}
