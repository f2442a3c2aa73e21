import { extended } from '../market/extended.js';
import type { Journal } from './journal.js';
import { type FillBody, readFill } from './journal-bodies.js';
import { type FillJournalRecord, type FillTerms, journalKeys } from './journal-records.js';
import type { AppendResult } from './journal-row.js';

/** Whether two fills under one key are the same execution: the same child, quantity and price. */
export function sameFill(a: FillTerms, b: FillTerms): boolean {
  return a.clOrdId === b.clOrdId && a.qty.eq(b.qty) && a.px.eq(b.px);
}

/** The terms of a fill as text, for a key of its own and for messages. */
export function fillTermsText(terms: FillTerms): string {
  return `${terms.clOrdId}:${terms.qty.toFixed()}@${terms.px.toFixed()}`;
}

/** What exo says of a fill kept apart because the venue had used its exec ID for another. */
export function reusedExecIdText(venue: string, fill: FillTerms): string {
  return `venue ${venue} reused exec ID ${fill.execId} for another fill (${fillTermsText(fill)}): kept apart`;
}

/** Where a booked fill's row is: the append's answer, and the key it holds. */
export interface BookedFillRow extends AppendResult {
  readonly key: string;
  /** True when the venue had used its exec ID for another fill: it was kept under a key of its own. */
  readonly reused: boolean;
}

/**
 * Journals a fill booked for a child under `key`, once. A key found taken by this same execution
 * booked makes it a duplicate; one taken by anything else (a fill journaled unmatched, as exo did
 * under the same key before unmatched rows had keys of their own, or another fill under a reused
 * exec ID) is never taken for it: the fill is journaled under a key of its own
 * (journalKeys.conflictingFill), flagged `reusedExecId` when the terms differ. So a booked fill
 * is in the journal exactly once, whatever held its key.
 */
export async function appendBookedFill(
  journal: Journal,
  orderId: string,
  fill: FillTerms,
  body: FillJournalRecord,
  key: string,
): Promise<BookedFillRow> {
  const result = await journal.append({ orderId, kind: 'fill', idempotencyKey: key, body });
  if (!result.duplicate) return extended(result, { key, reused: false });
  const holder = fillAt(journal, result.sequence);
  if (holder !== undefined && !holder.unmatched && sameFill(holder, fill)) {
    return extended(result, { key, reused: false });
  }
  const own = journalKeys.conflictingFill(body.venue, fill.execId, fillTermsText(fill));
  const reused = holder === undefined || !sameFill(holder, fill);
  const kept = await journal.append({
    orderId,
    kind: 'fill',
    idempotencyKey: own,
    body: reused ? extended(body, { reusedExecId: true }) : body,
  });
  return extended(kept, { key: own, reused });
}

/** The fill journaled at `sequence`, if that row is a readable fill. */
function fillAt(journal: Journal, sequence: number): FillBody | undefined {
  for (const row of journal.readFrom(sequence)) {
    if (row.sequence !== sequence || row.kind !== 'fill') return undefined;
    try {
      return readFill(row.body);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
