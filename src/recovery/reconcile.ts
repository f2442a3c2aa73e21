import { appendBookedFill, type BookedFillRow, reusedExecIdText } from '../journal/fill-rows.js';
import type { Journal } from '../journal/journal.js';
import type { ReportBody } from '../journal/journal-bodies.js';
import {
  type FillJournalRecord,
  type FillTerms,
  fillRecord,
  journalKeys,
  type VenueReportRecord,
} from '../journal/journal-records.js';
import type { AppendResult } from '../journal/journal-row.js';
import { ZERO } from '../market/decimal.js';
import type { ExecType } from '../market/exec-type.js';
import { extended } from '../market/extended.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { ChildOrder } from '../orders/child-order.js';
import { NOT_FOUND_AT_VENUE } from '../orders/child-order.js';
import type { FillRecord } from '../orders/order-snapshot.js';
import { type RetryOptions, sleep, withRetry } from '../util/retry.js';
import type { Venue, VenueFill, VenueOrderStatus } from '../venues/venue.js';
import {
  type AppliedToChild,
  askMissingFills,
  missedFillText,
  syntheticFillText,
  unpricedText,
} from './missing-fills.js';
import type { OrderFindings } from './recovered-order.js';
import type { RecoveryBook } from './recovery-book.js';
import type { ReplayedOrder } from './replayed-order.js';

/** How reconciliation talks to the venue. */
export interface ReconcileOptions extends RetryOptions {
  readonly journal: Journal;
  /** The prefix of exo's client order IDs: open venue orders under it that exo lacks are orphans. */
  readonly prefix?: string;
  /** How many times `orderStatus` is asked about a child the venue does not know. Default 3. */
  readonly statusTries?: number;
  /** The wait between those tries, doubled each time. Default 200 ms. */
  readonly statusBackoffMs?: number;
  /** Child queries in flight at once. Default 256. */
  readonly concurrency?: number;
}

/** Something reconciliation found that someone should hear about. */
export interface RecoveryNotice {
  readonly kind:
    | 'orphan_cancelled'
    | 'unmatched_fill'
    | 'discrepancy'
    | 'missed_fill'
    | 'synthetic_fill'
    | 'reused_exec_id';
  readonly clOrdId: string;
  readonly orderId: string;
  readonly message: string;
}

/** What reconciliation with one venue found and did. */
export interface ReconcileResult {
  readonly fillsRecovered: number;
  readonly childrenAdopted: number;
  readonly childrenSettled: number;
  readonly childrenRejected: number;
  readonly orphans: readonly string[];
  readonly notices: readonly RecoveryNotice[];
  /** What was found per live order, for the orders' `recovered` data. */
  readonly findings: ReadonlyMap<string, OrderFindings>;
}

interface MutableFindings {
  fillsRecovered: number;
  adopted: string[];
  settled: string[];
  notFound: string[];
}

/**
 * Brings the book's live orders in line with what one venue says, journaling every change once:
 * fills the journal lacks (`fillsSince` the book's cursor, page by page) are journaled and
 * applied; children open at the venue are adopted (a lost ack or request answer settled from the
 * venue's state); children ended there are settled so; children the venue does not know, after
 * `statusTries` queries, are rejected as `not found at venue`; exo-prefixed open orders no live
 * order knows (orphans) are cancelled. Venue calls that fail are retried with backoff. With no
 * live order, the fill and open-order queries run at once, so recovery takes one round trip.
 */
export async function reconcile(
  book: RecoveryBook,
  venue: Venue,
  options: ReconcileOptions,
): Promise<ReconcileResult> {
  return new Reconciliation(book, venue, options).run();
}

class Reconciliation {
  readonly #book: RecoveryBook;
  readonly #venue: Venue;
  readonly #options: ReconcileOptions;
  readonly #findings = new Map<string, MutableFindings>();
  readonly #notices: RecoveryNotice[] = [];
  readonly #orphans: string[] = [];
  readonly #appends: Promise<AppendResult>[] = [];
  /** The cursor fillsSince answered through: every fill up to it was listed. */
  #listedThrough: string | undefined;
  /** Children whose venue cumQty runs ahead of their fills, with what the venue said. */
  readonly #behind: Array<[ReplayedOrder, ChildOrder, VenueOrderStatus]> = [];
  readonly #stamp: number;
  #fills = 0;
  #adopted = 0;
  #settled = 0;
  #rejected = 0;

  constructor(book: RecoveryBook, venue: Venue, options: ReconcileOptions) {
    this.#book = book;
    this.#venue = venue;
    this.#options = options;
    this.#stamp = options.clock.now();
  }

  async run(): Promise<ReconcileResult> {
    if (this.#book.size === 0) {
      // Nothing is live: a fill the journal lacks matches no child and every open order is an
      // orphan, so the two queries need not wait on each other (one round trip, not two).
      await Promise.all([this.#recoverFills(), this.#adoptOpen()]);
    } else {
      await this.#settleTakenReplaces();
      await this.#recoverFills();
      const seen = await this.#adoptOpen();
      await this.#settleTheRest(seen);
      await this.#bookMissed();
    }
    await Promise.all(this.#appends.splice(0));
    return {
      fillsRecovered: this.#fills,
      childrenAdopted: this.#adopted,
      childrenSettled: this.#settled,
      childrenRejected: this.#rejected,
      orphans: this.#orphans,
      notices: this.#notices,
      findings: this.#findings,
    };
  }

  /**
   * Replaces the venue took before the fills that followed them: applied first, so that those
   * fills land on the child's new size rather than overfilling its old one.
   */
  async #settleTakenReplaces(): Promise<void> {
    const replacing = this.#workingHere((child) => child.pending === 'replace');
    await this.#inBatches(replacing, async ([fold, child]) => {
      const status = await withRetry(() => this.#venue.orderStatus(child.clOrdId), this.#options);
      if (status === undefined || !replaceTaken(fold, child.clOrdId, status)) return;
      const standing = child.cumQty.gt(0) ? 'partially_filled' : 'new';
      this.#apply(fold, child, 'replaced', standing, undefined, status);
    });
  }

  async #recoverFills(): Promise<void> {
    let cursor = this.#book.cursors().get(this.#venue.name);
    for (;;) {
      const from = cursor;
      const page = await withRetry(() => this.#venue.fillsSince(from), this.#options);
      for (const fill of page.fills) this.#recoverFill(fill);
      await Promise.all(this.#appends.splice(0));
      this.#listedThrough = page.cursor;
      if (page.fills.length === 0 || page.cursor === cursor) break;
      cursor = page.cursor;
    }
  }

  #recoverFill(fill: VenueFill): void {
    const venue = this.#venue.name;
    const fold = this.#book.order(fill.parentId);
    const child = fold?.state.child(fill.clOrdId);
    this.#book.noteCursor(venue, fill.cursor);
    if (fold?.hasFill(fill.clOrdId, fill.execId)) return;
    const record = fillRecord(venue, fill, fill.time, { cursor: fill.cursor });
    if (fold === undefined || child === undefined) {
      this.#appendUnmatched(fill, extended(record, { unmatched: true }));
      return;
    }
    const overfill =
      child.cumQty.plus(fill.qty).gt(child.quantity) ||
      fold.state.cumQty.plus(fill.qty).gt(fold.state.quantity);
    const body = overfill ? extended(record, { overfill }) : record;
    this.#appends.push(this.#appendBooked(fill.parentId, fill, body));
    const counted = fold.fill(
      extended(fill, { venue, cursor: fill.cursor, unmatched: false, synthetic: false }),
      this.#options.clock.now(),
    );
    if (!counted) return;
    this.#fills++;
    this.#found(fill.parentId).fillsRecovered++;
    if (overfill) {
      this.#notice('discrepancy', fill.parentId, fill.clOrdId, `fill ${fill.execId} overfills`);
    }
  }

  /**
   * Journals a fill no live child matched, under a key of its own (never the key the fill takes
   * when booked, which it would otherwise hold against a later booking of the same execution, or
   * of another under a reused exec ID): journaled and reported once, never applied.
   */
  #appendUnmatched(fill: VenueFill, body: FillJournalRecord): void {
    const appended = this.#options.journal.append({
      orderId: fill.parentId,
      kind: 'fill',
      idempotencyKey: journalKeys.unmatchedFill(this.#venue.name, fill.execId),
      body,
    });
    this.#appends.push(
      appended.then((result) => {
        if (!result.duplicate) {
          const message = `fill ${fill.execId} (${fill.qty.toFixed()} @ ${fill.px.toFixed()}) matches no live child`;
          this.#notice('unmatched_fill', fill.parentId, fill.clOrdId, message);
        }
        return result;
      }),
    );
  }

  /** Adopts or settles every child open at the venue; cancels orphans; returns the clOrdIds seen. */
  async #adoptOpen(): Promise<Set<string>> {
    const prefix = this.#options.prefix ?? 'exo-';
    const open = await withRetry(() => this.#venue.openOrders(prefix), this.#options);
    const seen = new Set<string>();
    for (const status of open) {
      seen.add(status.clOrdId);
      const fold = this.#book.order(status.parentId);
      const child = fold?.state.child(status.clOrdId);
      if (fold === undefined || child === undefined) {
        this.#venue.cancel(status.clOrdId);
        this.#orphans.push(status.clOrdId);
        const message = `open at the venue but unknown to exo: cancelled`;
        this.#notice('orphan_cancelled', status.parentId, status.clOrdId, message);
      } else {
        this.#settleFrom(fold, child, status);
      }
    }
    return seen;
  }

  /** Asks the venue about every other working child of this venue, a batch at a time. */
  async #settleTheRest(seen: ReadonlySet<string>): Promise<void> {
    const waiting = this.#workingHere((child) => !seen.has(child.clOrdId));
    await this.#inBatches(waiting, ([fold, child]) => this.#settleOne(fold, child));
  }

  /** The working children sent to this venue that `wanted` picks, with their parents. */
  #workingHere(wanted: (child: ChildOrder) => boolean): Array<[ReplayedOrder, ChildOrder]> {
    const found: Array<[ReplayedOrder, ChildOrder]> = [];
    for (const fold of this.#book.orders()) {
      for (const child of fold.workingChildren()) {
        const mine = fold.venueOf(child.clOrdId) === this.#venue.name;
        if (mine && wanted(child)) found.push([fold, child]);
      }
    }
    return found;
  }

  /** Runs `each` over the items (children, with their parents), `concurrency` at a time. */
  async #inBatches<T>(items: readonly T[], each: (item: T) => Promise<void>): Promise<void> {
    const concurrency = this.#options.concurrency ?? 256;
    for (let at = 0; at < items.length; at += concurrency) {
      await Promise.all(items.slice(at, at + concurrency).map(each));
    }
  }

  async #settleOne(fold: ReplayedOrder, child: ChildOrder): Promise<void> {
    const tries = this.#options.statusTries ?? 3;
    let waitMs = this.#options.statusBackoffMs ?? 200;
    for (let attempt = 1; attempt <= tries; attempt++) {
      const status = await withRetry(() => this.#venue.orderStatus(child.clOrdId), this.#options);
      if (status !== undefined) {
        this.#settleFrom(fold, child, status);
        return;
      }
      if (attempt < tries) await sleep(this.#options.clock, waitMs, this.#options.signal);
      waitMs *= 2;
    }
    const execType: ExecType = child.pending === 'new' ? 'rejected' : 'canceled';
    this.#apply(fold, child, execType, execType, NOT_FOUND_AT_VENUE);
    this.#rejected++;
    this.#found(fold.orderId).notFound.push(child.clOrdId);
  }

  /** Brings a child to the venue's account of it: its lost answers, then its end if it ended. */
  #settleFrom(fold: ReplayedOrder, child: ChildOrder, status: VenueOrderStatus): void {
    const terminal = isTerminal(status.status);
    const { clOrdId } = child;
    if (child.pending === 'new') {
      if (status.status === 'rejected') {
        this.#apply(fold, child, 'rejected', 'rejected', status.text, status);
      } else {
        this.#apply(fold, child, 'new', 'new', undefined, status);
      }
    } else if (child.pending === 'replace' && !terminal) {
      if (replaceTaken(fold, clOrdId, status))
        this.#apply(fold, child, 'replaced', status.status, undefined, status);
      else
        this.#apply(
          fold,
          child,
          'replace_rejected',
          status.status,
          'replace not received by venue',
        );
    } else if (child.pending === 'cancel' && !terminal) {
      this.#apply(fold, child, 'cancel_rejected', status.status, 'cancel not received by venue');
    }
    if (terminal && !child.terminal && status.status !== 'filled') {
      const end: ExecType = status.status === 'expired' ? 'expired' : 'canceled';
      this.#apply(fold, child, end, status.status, status.text ?? `${status.status} at venue`);
    }
    if (status.cumQty.gt(child.cumQty)) this.#behind.push([fold, child, status]);
    if (terminal) {
      this.#settled++;
      this.#found(fold.orderId).settled.push(clOrdId);
    } else {
      this.#adopted++;
      this.#found(fold.orderId).adopted.push(clOrdId);
    }
  }

  /**
   * Books what the venue's cumQty says a child lacks, once every child is settled: the fills the
   * venue lists that the journal lacks (see missingFills), then a synthetic fill for what they
   * leave. These are journaled without their cursor, since they may lie far behind the last one
   * journaled and must not move it.
   */
  async #bookMissed(): Promise<void> {
    const venue = this.#venue.name;
    await this.#inBatches(this.#behind, async ([fold, child, status]) => {
      const { clOrdId } = child;
      const applied: AppliedToChild = {
        qty: child.cumQty,
        notional: child.cumQty.times(child.avgPx ?? ZERO),
        has: (execId) => fold.hasFill(clOrdId, execId),
      };
      const missing = await askMissingFills(this.#venue, clOrdId, applied, status, this.#options);
      for (const fill of missing.fills) {
        // One made after fillsSince answered is simply recent; one it should have listed was
        // missed. A venue whose cursors are not ordered cannot say: its fills count as recent.
        const through = this.#listedThrough;
        const missed =
          through !== undefined && (this.#venue.cursorCovers?.(through, fill) ?? false);
        const notice = missed ? missedFillText(venue, fill) : undefined;
        this.#bookFill(fold, fill, notice);
      }
      if (missing.synthetic !== undefined) {
        const notice = syntheticFillText(venue, status.cumQty, missing.synthetic);
        const fill = extended(missing.synthetic, { clOrdId, time: this.#stamp, synthetic: true });
        this.#bookFill(fold, fill, notice, 'synthetic_fill');
      }
      if (missing.unpriced !== undefined) {
        const notice = unpricedText(venue, status.cumQty, missing.unpriced);
        this.#notice('discrepancy', fold.orderId, clOrdId, notice);
      }
    });
  }

  /**
   * Journals a fill reconciliation found for a child (one the venue listed, or a synthetic one),
   * and applies it to the book. It is counted, and reported when there is a `notice`, unless the
   * journal had it already.
   */
  #bookFill(
    fold: ReplayedOrder,
    fill: FillRecord,
    notice: string | undefined,
    kind: 'missed_fill' | 'synthetic_fill' = 'missed_fill',
  ): void {
    const venue = this.#venue.name;
    const synthetic = fill.synthetic === true;
    const record = fillRecord(venue, fill, fill.time, synthetic ? { synthetic: true } : {});
    const appended = this.#appendBooked(fold.orderId, fill, record);
    const body = extended(fill, { venue, cursor: undefined, unmatched: false, synthetic });
    const counted = fold.fill(body, this.#options.clock.now());
    this.#appends.push(
      appended.then((result) => {
        if (counted && !result.duplicate) {
          this.#fills++;
          this.#found(fold.orderId).fillsRecovered++;
          if (notice !== undefined) this.#notice(kind, fold.orderId, fill.clOrdId, notice);
        }
        return result;
      }),
    );
  }

  /**
   * Journals a report reconciliation worked out for a child, and applies it to the book; `at` is
   * the venue's account it came from, whose venue order ID and client ID (a renamed child's) the
   * report carries.
   */
  #apply(
    fold: ReplayedOrder,
    child: ChildOrder,
    execType: ExecType,
    status: OrdStatus,
    text?: string,
    at?: VenueOrderStatus,
  ): void {
    const venue = this.#venue.name;
    const venueOrderId = at?.venueOrderId;
    const venueClOrdId = at?.venueClOrdId;
    const transactTime = this.#options.clock.now();
    const report: ReportBody = {
      venue,
      clOrdId: child.clOrdId,
      venueClOrdId,
      venueOrderId,
      execId: undefined,
      execType,
      status,
      text,
      transactTime,
      cursor: undefined,
    };
    const record: VenueReportRecord = {
      venue,
      clOrdId: child.clOrdId,
      ...(venueClOrdId === undefined ? {} : { venueClOrdId }),
      execType,
      status,
      transactTime,
      ...(venueOrderId === undefined ? {} : { venueOrderId }),
      ...(text === undefined ? {} : { text }),
    };
    const id = `recovery-${this.#stamp}-${execType}`;
    this.#appendReport(fold.orderId, journalKeys.report(venue, child.clOrdId, id), record);
    fold.report(report, transactTime);
  }

  /**
   * Journals a fill booked for a child under its key (see appendBookedFill: never dropped for a
   * row of something else holding it); an exec ID the venue reused is reported.
   */
  #appendBooked(orderId: string, fill: FillTerms, body: FillJournalRecord): Promise<BookedFillRow> {
    const { journal } = this.#options;
    const key = journalKeys.fill(this.#venue.name, fill.execId);
    return appendBookedFill(journal, orderId, fill, body, key).then((row) => {
      if (row.reused) {
        const message = reusedExecIdText(this.#venue.name, fill);
        this.#notice('reused_exec_id', orderId, fill.clOrdId, message);
      }
      return row;
    });
  }

  #appendReport(orderId: string, key: string, body: VenueReportRecord): void {
    const kind = 'venue_report';
    this.#appends.push(this.#options.journal.append({ orderId, kind, idempotencyKey: key, body }));
  }

  #found(orderId: string): MutableFindings {
    let found = this.#findings.get(orderId);
    if (found === undefined) {
      found = { fillsRecovered: 0, adopted: [], settled: [], notFound: [] };
      this.#findings.set(orderId, found);
    }
    return found;
  }

  #notice(kind: RecoveryNotice['kind'], orderId: string, clOrdId: string, message: string): void {
    this.#notices.push({ kind, orderId, clOrdId, message });
  }
}

/** Whether the venue's account of a child shows the replace exo sent it (its new size and price). */
function replaceTaken(fold: ReplayedOrder, clOrdId: string, status: VenueOrderStatus): boolean {
  const wanted = fold.replaceTo(clOrdId);
  return (
    wanted !== undefined &&
    status.quantity.eq(wanted.quantity) &&
    (wanted.limitPrice?.eq(status.limitPrice ?? -1) ?? status.limitPrice === undefined)
  );
}
