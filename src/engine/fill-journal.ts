import {
  appendBookedFill,
  fillTermsText,
  reusedExecIdText,
  sameFill,
} from '../journal/fill-rows.js';
import type { Journal } from '../journal/journal.js';
import {
  type FillFlags,
  type FillJournalRecord,
  type FillTerms,
  fillRecord,
  journalKeys,
} from '../journal/journal-records.js';
import type { Report } from '../market/report.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import { crashPoint } from '../util/crash-points.js';
import type { AppliedFills } from './applied-fills.js';

/** How a fill reached exo, beyond its terms: the rest of its FillRecord (time, synthetic). */
export interface FillArrival extends Omit<FillRecord, keyof FillTerms> {
  /** The venue's fills cursor as of the report that carried it, when it came with one. */
  readonly cursor?: string | undefined;
}

/** The key a fill is journaled under, and whether its exec ID was reused for other terms. */
export interface FillKey {
  readonly key: string;
  readonly reused: boolean;
}

/** What a fill journal writes to and remembers in, and whom it tells of a reused exec ID. */
export interface FillJournalOptions {
  /** The venue's name, the first part of every fill's key. */
  readonly venue: string;
  readonly journal: Journal;
  readonly fills: AppliedFills;
  readonly onNotice?: (notice: RecoveryNotice) => void;
}

/**
 * The `fill` rows of one venue, keyed by venue and exec ID. The same fill arriving twice is a
 * duplicate, known at once for live parents and from the journal for the rest. A fill whose exec
 * ID the venue already used for other terms is never dropped: it is kept under a key that adds its
 * terms, flagged `reusedExecId`, and reported.
 */
export class FillJournal {
  readonly #options: FillJournalOptions;

  constructor(options: FillJournalOptions) {
    this.#options = options;
  }

  /** The key a fill takes now; undefined when a live parent's fill holds it already: a repeat. */
  keyFor(fill: FillTerms): FillKey | undefined {
    const { fills, venue } = this.#options;
    const primary = journalKeys.fill(venue, fill.execId);
    const known = fills.termsOf(primary);
    if (known === undefined) return { key: primary, reused: false };
    if (sameFill(known, fill)) return undefined;
    const key = journalKeys.conflictingFill(venue, fill.execId, fillTermsText(fill));
    return fills.has(key) ? undefined : { key, reused: true };
  }

  /**
   * Journals a fill under the key `keyFor` gave, and remembers it; resolves once it is journaled
   * under a key of its own (a key found taken in the journal by anything but this fill booked
   * moves it to one, see appendBookedFill).
   */
  append(
    orderId: string,
    fill: FillTerms,
    { key, reused }: FillKey,
    arrival: FillArrival,
  ): Promise<void> {
    const { journal, fills, venue } = this.#options;
    if (reused) this.#reported(orderId, fill);
    fills.remember(orderId, key, fill);
    const body = fillBody(venue, fill, arrival, reused);
    const appended = appendBookedFill(journal, orderId, fill, body, key);
    crashPoint('fill-before-commit');
    return appended.then((row) => {
      if (row.key === key) return;
      fills.remember(orderId, row.key, fill);
      if (row.reused) this.#reported(orderId, fill);
    });
  }

  #reported(orderId: string, fill: FillTerms): void {
    this.#options.onNotice?.({
      kind: 'reused_exec_id',
      orderId,
      clOrdId: fill.clOrdId,
      message: reusedExecIdText(this.#options.venue, fill),
    });
  }
}

/** A report's fill, when it carries one. */
export function fillOf(report: Report, clOrdId: string): FillTerms | undefined {
  const { execId, lastQty, lastPx } = report;
  if (execId === undefined || lastQty === undefined || lastPx === undefined) return undefined;
  return { clOrdId, execId, qty: lastQty, px: lastPx };
}

function fillBody(
  venue: string,
  fill: FillTerms,
  arrival: FillArrival,
  reused: boolean,
): FillJournalRecord {
  const flags: { -readonly [K in keyof FillFlags]: FillFlags[K] } = {};
  if (arrival.cursor !== undefined) flags.cursor = arrival.cursor;
  if (reused) flags.reusedExecId = true;
  if (arrival.synthetic === true) flags.synthetic = true;
  return fillRecord(venue, fill, arrival.time, flags);
}
