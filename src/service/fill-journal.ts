import type { Journal } from '../journal/journal.js';
import type { Report } from '../market/report.js';
import { readFill } from '../recovery/journal-bodies.js';
import { type FillJournalRecord, fillRecord, journalKeys } from '../recovery/journal-records.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import { crashPoint } from '../testing/crash-point.js';
import { type AppliedFills, type FillTerms, fillTermsText, sameFill } from './applied-fills.js';

/** How a fill reached exo, beyond its terms. */
export interface FillArrival {
  readonly time: number;
  /** The venue sequence of the report that carried it, when it came in one. */
  readonly venueSeq?: number | undefined;
  /** Booked by exo for a cumQty the venue could not account for. */
  readonly synthetic?: boolean;
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

  /** Whether this fill is journaled already for a live parent, under the key it would take now. */
  has(fill: FillTerms): boolean {
    return this.#options.fills.has(this.#keyOf(fill, this.#reuses(fill)));
  }

  /** Journals a fill and remembers it; resolves once it is journaled under a key of its own. */
  append(orderId: string, fill: FillTerms, arrival: FillArrival): Promise<void> {
    return this.#append(orderId, fill, arrival, this.#reuses(fill));
  }

  #append(orderId: string, fill: FillTerms, arrival: FillArrival, reused: boolean): Promise<void> {
    const { journal, fills } = this.#options;
    const key = this.#keyOf(fill, reused);
    if (reused) this.#reported(orderId, fill);
    fills.remember(orderId, key, fill);
    const appended = journal.append({
      orderId,
      kind: 'fill',
      idempotencyKey: key,
      body: fillBody(this.#options.venue, fill, arrival, reused),
    });
    crashPoint('fill-before-commit');
    if (reused) return appended.then(() => undefined);
    return appended.then(async (result) => {
      if (!result.duplicate) return;
      const holder = this.#fillAt(result.sequence);
      if (holder !== undefined && sameFill(holder, fill)) return;
      await this.#append(orderId, fill, arrival, true);
    });
  }

  /** Whether a live parent's fill already holds this fill's exec ID with other terms. */
  #reuses(fill: FillTerms): boolean {
    const known = this.#options.fills.termsOf(journalKeys.fill(this.#options.venue, fill.execId));
    return known !== undefined && !sameFill(known, fill);
  }

  #keyOf(fill: FillTerms, reused: boolean): string {
    const { venue } = this.#options;
    return reused
      ? journalKeys.conflictingFill(venue, fill.execId, fillTermsText(fill))
      : journalKeys.fill(venue, fill.execId);
  }

  /** The fill journaled at `sequence`, if that row is a readable fill. */
  #fillAt(sequence: number): FillTerms | undefined {
    for (const row of this.#options.journal.readFrom(sequence)) {
      if (row.sequence !== sequence || row.kind !== 'fill') return undefined;
      try {
        return readFill(row.body);
      } catch {
        return undefined;
      }
    }
    return undefined;
  }

  #reported(orderId: string, fill: FillTerms): void {
    this.#options.onNotice?.({
      kind: 'reused_exec_id',
      orderId,
      clOrdId: fill.clOrdId,
      message: `venue ${this.#options.venue} reused exec ID ${fill.execId} for another fill (${fillTermsText(fill)}): kept apart`,
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
  return fillRecord(
    venue,
    { ...fill, time: arrival.time },
    {
      ...(arrival.venueSeq === undefined ? {} : { venueSeq: arrival.venueSeq }),
      ...(reused ? { reusedExecId: true } : {}),
      ...(arrival.synthetic === true ? { synthetic: true } : {}),
    },
  );
}
