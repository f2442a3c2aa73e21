import type { Clock } from '../core/clock.js';
import type { Journal } from '../journal/journal.js';
import type { JournalKind } from '../journal/journal-kind.js';
import type {
  ChildCancelRecord,
  ChildIntentRecord,
  ChildReplaceRecord,
  VenueReportRecord,
} from '../journal/journal-records.js';
import { type FillTerms, journalKeys } from '../journal/journal-records.js';
import { compare } from '../market/decimal.js';
import { extended } from '../market/extended.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import {
  askMissingFills,
  missedFillText,
  syntheticFillText,
  unpricedText,
} from '../recovery/missing-fills.js';
import type { RecoveryNotice } from '../recovery/reconcile.js';
import { crashPoint } from '../util/crash-points.js';
import { parentIdOf } from '../venues/child-id.js';
import { ForwardingVenue } from '../venues/forwarding-venue.js';
import type { ChildOrderRequest, ChildReplaceRequest, ReportSink, Venue } from '../venues/venue.js';
import { VenueClosedError } from '../venues/venue-closed-error.js';
import type { AppliedFills } from './applied-fills.js';
import { FillJournal, fillOf } from './fill-journal.js';

/** The reason a child request that could not be journaled is rejected with. */
export const JOURNAL_UNAVAILABLE_REASON = 'journal unavailable';

/** What a journaled venue writes to, and whom it tells. */
export interface JournaledVenueOptions {
  /** The venue requests go to once journaled, and reports come from. */
  readonly venue: Venue;
  readonly journal: Journal;
  readonly clock: Clock;
  /** The live parents' children and fills journaled so far (rebuilt from the journal at start). */
  readonly fills: AppliedFills;
  /** Numbers unique across restarts, for the keys of replace and cancel rows. */
  readonly nextNumber: () => number;
  /** Told of a fill whose venue and exec ID were already journaled: it was dropped. */
  readonly onDuplicateFill?: (report: Report) => void;
  /** Told when an append failed (the journal became unavailable, or refused a row). */
  readonly onJournalError?: (error: unknown) => void;
  /**
   * Told of what the fills showed that an operator should hear of: a missed fill recovered from
   * the venue, a synthetic fill booked, an exec ID the venue reused for other terms.
   */
  readonly onFillNotice?: (notice: RecoveryNotice) => void;
}

/**
 * A venue that journals on the way out and on the way in. A child request (new, replace, cancel)
 * is appended as `child_intent`/`child_replace`/`child_cancel` and leaves for the venue only once
 * that row committed, in request order; when the journal cannot write, the request never leaves
 * and the child gets a rejected report (`journal unavailable`). Every report is appended as
 * `venue_report`, fills also as `fill` keyed by venue and exec ID; a fill already journaled with
 * the same terms is a duplicate and is dropped unjournaled, one with other terms is kept and
 * reported. A report reaches the engine only once its rows committed, never at arrival, each
 * parent's in the order the venue sent them.
 *
 * The venue's cumulative quantity is the truth about a child: a report whose cumQty runs ahead of
 * the fills applied to the child waits until the missing fills are booked (see `#bookMissed`).
 * Until recovery has reconciled after a start (`reconciled()`), reports are held unjournaled.
 */
export class JournaledVenue extends ForwardingVenue {
  readonly #journal: Journal;
  readonly #options: JournaledVenueOptions;
  /** Each working child's latest status, for the status of a refusal made here. */
  readonly #status = new Map<string, OrdStatus>();
  /** Each parent's latest delivery still waiting, while one does: later ones queue behind it. */
  readonly #tails = new Map<string, Promise<void>>();
  /** Aborts the venue queries still retried for missed fills, at close. */
  readonly #closing = new AbortController();
  readonly #fills: FillJournal;
  readonly #onJournalError = (error: unknown): void => this.#options.onJournalError?.(error);
  /** The reports received since the start, until recovery has reconciled: see `reconciled`. */
  #held: Array<readonly [Report, string | undefined]> | undefined = [];
  #sink: ReportSink | undefined;

  constructor(options: JournaledVenueOptions) {
    super(options.venue);
    this.#journal = options.journal;
    this.#options = options;
    this.#fills = new FillJournal({
      venue: this.name,
      journal: options.journal,
      fills: options.fills,
      ...(options.onFillNotice === undefined ? {} : { onNotice: options.onFillNotice }),
    });
  }

  override onReport(sink: ReportSink): void {
    this.#sink = sink;
    this.inner.onReport((report, cursor) => {
      if (this.#held === undefined) this.#onReport(report, cursor);
      else this.#held.push([report, cursor]);
    });
  }

  /**
   * Recovery has reconciled with the venue, journaled its `recovery` row and restored the live
   * orders: the reports held since the start are journaled now, in order, and every later one as
   * it comes; each reaches the engine once its rows committed. Holding them keeps the journal in the venue's order: what
   * reconciliation found out (a replace the venue took while exo was down, say) comes before the
   * reports that followed it. It also keeps a report's fills cursor out of the journal, where it
   * would move recovery's, until every fill before it is journaled. A held report that dies
   * with the process is found again by the next recovery. An engine opened without recovering
   * (a fresh journal) calls this when it opens.
   */
  reconciled(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const [report, cursor] of held) this.#onReport(report, cursor);
  }

  override submit(request: ChildOrderRequest): void {
    this.#options.fills.child(request.parentId, request.clOrdId);
    const body: ChildIntentRecord = {
      clOrdId: request.clOrdId,
      parentId: request.parentId,
      venue: this.name,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity.toString(),
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice.toString() }),
      timeInForce: request.timeInForce,
    };
    this.#status.set(request.clOrdId, 'pending_new');
    this.#sendAfterCommit(
      request.parentId,
      'child_intent',
      journalKeys.intent(request.clOrdId),
      body,
      request.time,
      () => this.inner.submit(request),
      () => this.#refuse(request.parentId, request.clOrdId, 'rejected'),
    );
  }

  override replace(request: ChildReplaceRequest): void {
    const body: ChildReplaceRecord = {
      clOrdId: request.clOrdId,
      ...(request.newClOrdId === undefined ? {} : { newClOrdId: request.newClOrdId }),
      venue: this.name,
      ...(request.quantity === undefined ? {} : { quantity: request.quantity.toString() }),
      ...(request.limitPrice === undefined ? {} : { limitPrice: request.limitPrice.toString() }),
    };
    const parentId = parentIdOf(request.clOrdId);
    this.#sendAfterCommit(
      parentId,
      'child_replace',
      journalKeys.replace(request.clOrdId, this.#options.nextNumber()),
      body,
      request.time,
      () => this.inner.replace(request),
      () => this.#refuse(parentId, request.clOrdId, 'replace_rejected'),
    );
  }

  override cancel(clOrdId: string, time?: number): void {
    const body: ChildCancelRecord = { clOrdId, venue: this.name };
    const parentId = parentIdOf(clOrdId);
    this.#sendAfterCommit(
      parentId,
      'child_cancel',
      journalKeys.cancel(clOrdId, this.#options.nextNumber()),
      body,
      time,
      () => this.inner.cancel(clOrdId),
      () => this.#refuse(parentId, clOrdId, 'cancel_rejected'),
    );
  }

  override close(): Promise<void> {
    this.#closing.abort(new VenueClosedError(this.name));
    return this.inner.close();
  }

  /**
   * Appends the request's row (at `time`, when exo made the request, if known) and sends it
   * once committed. Appends resolve in append order (one group commit after another, each in
   * order), so requests leave in the order they were made.
   */
  #sendAfterCommit(
    orderId: string,
    kind: JournalKind,
    idempotencyKey: string,
    body: unknown,
    time: number | undefined,
    send: () => void,
    refuse: () => void,
  ): void {
    const sendNow = (): void => {
      crashPoint('intent-before-send');
      send();
      crashPoint('send-before-ack');
    };
    this.#journal
      .append({ orderId, kind, idempotencyKey, body, ...(time === undefined ? {} : { time }) })
      .then(sendNow, (error: unknown) => {
        this.#options.onJournalError?.(error);
        refuse();
      });
  }

  /** The report a venue would have sent had it refused the request: it never left. */
  #refuse(
    parentId: string,
    clOrdId: string,
    execType: 'rejected' | 'replace_rejected' | 'cancel_rejected',
  ): void {
    const status = execType === 'rejected' ? 'rejected' : (this.#status.get(clOrdId) ?? 'new');
    this.#sink?.({
      orderId: parentId,
      clOrdId,
      execType,
      status,
      transactTime: this.#options.clock.now(),
      text: JOURNAL_UNAVAILABLE_REASON,
    });
  }

  /**
   * Journals a report exo worked out itself for a request the venue never answered (the in-flight
   * watch's verdict), as a venue report without a cursor: a restart then starts from what
   * the engine decided instead of asking the venue about that request again.
   */
  recordResolved(report: Report): void {
    const clOrdId = report.clOrdId ?? report.orderId;
    this.#append(
      report.orderId,
      'venue_report',
      journalKeys.report(this.name, clOrdId, `resolved-${this.#options.nextNumber()}`),
      venueReportRecord(this.name, clOrdId, report, undefined),
    );
    this.#noteStatus(clOrdId, report);
  }

  #onReport(report: Report, cursor: string | undefined): void {
    const clOrdId = report.clOrdId ?? report.orderId;
    // A venue's exec ID names one report (FIX ExecID, Binance's execution ID, paper's own): the
    // same report delivered twice is journaled once. A cursor need not (one moves only on fills).
    const reportId = report.execId ?? `n-${this.#options.nextNumber()}`;
    const fill = fillOf(report, clOrdId);
    const fillKey = fill === undefined ? undefined : this.#fills.keyFor(fill);
    if (fill !== undefined && fillKey === undefined) {
      this.#options.onDuplicateFill?.(report);
      return;
    }
    const row = this.#journal.append({
      orderId: report.orderId,
      kind: 'venue_report',
      idempotencyKey: journalKeys.report(this.name, clOrdId, reportId),
      body: venueReportRecord(this.name, clOrdId, report, cursor),
    });
    if (fill !== undefined && fillKey !== undefined) {
      const arrival = { time: report.transactTime, cursor };
      this.#fills.append(report.orderId, fill, fillKey, arrival).catch(this.#onJournalError);
    }
    this.#noteStatus(clOrdId, report);
    // Delivered once its rows committed (the fill's commits with it), so the engine sees reports
    // and instructions in the journal's order: recovery, which replays that order, then rebuilds
    // what the engine did.
    const deliver = (): void => this.#sink?.(report, cursor);
    if (this.#runsAhead(report, clOrdId)) {
      this.#inOrder(report.orderId, row, async () => {
        await this.#bookMissed(report, clOrdId);
        deliver();
      });
    } else if (this.#tails.has(report.orderId)) {
      this.#inOrder(report.orderId, row, deliver);
    } else {
      row.then(deliver, this.#onJournalError);
    }
  }

  /**
   * Whether a report's cumQty runs ahead of the fills applied to its child: an execution was
   * missed.
   */
  #runsAhead(report: Report, clOrdId: string): boolean {
    if (report.cumQty === undefined) return false;
    const applied = this.#options.fills.applied(clOrdId);
    return applied !== undefined && compare(report.cumQty, applied.qty) > 0;
  }

  /**
   * Books what a report's cumQty says a child lacks, before the report is delivered: the fills the
   * venue lists that exo has not applied, then a synthetic fill for any difference left (see
   * missingFills). Each is journaled, delivered and reported. A venue that cannot be reached is
   * asked again until it answers: meanwhile the parent's reports wait, so its delegate never sees
   * the child as less filled than the venue says.
   */
  async #bookMissed(report: Report, clOrdId: string): Promise<void> {
    const { cumQty, orderId } = report;
    const applied = this.#options.fills.applied(clOrdId);
    if (cumQty === undefined || applied === undefined || compare(cumQty, applied.qty) <= 0) return;
    const retry = { clock: this.#options.clock, signal: this.#closing.signal };
    const missing = await askMissingFills(
      this.inner,
      clOrdId,
      applied,
      extended(report, { cumQty }),
      retry,
    );
    const booked: Report[] = [];
    const book = (fill: FillTerms, time: number, notice: RecoveryNotice): void => {
      const key = this.#fills.keyFor(fill);
      if (key === undefined) return;
      const synthetic = notice.kind === 'synthetic_fill';
      this.#fills.append(orderId, fill, key, { time, synthetic }).catch(this.#onJournalError);
      booked.push(missedFillReport(report, fill, time, synthetic));
      this.#options.onFillNotice?.(notice);
    };
    const about = { orderId, clOrdId };
    for (const fill of missing.fills) {
      const message = missedFillText(this.name, fill);
      book(
        extended(fill, { clOrdId }),
        fill.time,
        extended(about, { kind: 'missed_fill', message }),
      );
    }
    if (missing.synthetic !== undefined) {
      const message = syntheticFillText(this.name, cumQty, missing.synthetic);
      const fill = extended(missing.synthetic, { clOrdId });
      book(fill, this.#options.clock.now(), extended(about, { kind: 'synthetic_fill', message }));
    }
    if (missing.unpriced !== undefined) {
      const message = unpricedText(this.name, cumQty, missing.unpriced);
      this.#options.onFillNotice?.(extended(about, { kind: 'discrepancy', message }));
    }
    await this.#journal.committed();
    for (const fill of booked) this.#sink?.(fill);
  }

  /**
   * Runs `deliver` once `ready` has settled and every earlier delivery of the same parent is done:
   * a parent whose reports wait behind a missed fill being fetched gets them in the order the
   * venue sent them. A journal failure skips the delivery, as `committed` does.
   */
  #inOrder(orderId: string, ready: Promise<unknown>, deliver: () => void | Promise<void>): void {
    const onError = this.#onJournalError;
    const previous = this.#tails.get(orderId) ?? Promise.resolve();
    const next = previous
      .then(() => ready)
      .then(deliver)
      .catch(onError);
    this.#tails.set(orderId, next);
    next.then(() => {
      if (this.#tails.get(orderId) === next) this.#tails.delete(orderId);
    });
  }

  #noteStatus(clOrdId: string, report: Report): void {
    if (isTerminal(report.status)) this.#status.delete(clOrdId);
    else if (report.execType !== 'cancel_rejected' && report.execType !== 'replace_rejected') {
      this.#status.set(clOrdId, report.status);
    }
  }

  #append(orderId: string, kind: JournalKind, idempotencyKey: string, body: unknown): void {
    this.#journal
      .append({ orderId, kind, idempotencyKey, body })
      .catch((error: unknown) => this.#options.onJournalError?.(error));
  }
}

/** The fill report of a fill booked for a report whose cumQty ran ahead. */
function missedFillReport(
  ahead: Report,
  fill: FillTerms,
  time: number,
  synthetic: boolean,
): Report {
  return {
    orderId: ahead.orderId,
    clOrdId: fill.clOrdId,
    ...(ahead.venueOrderId === undefined ? {} : { venueOrderId: ahead.venueOrderId }),
    execId: fill.execId,
    execType: 'trade',
    status: 'partially_filled',
    lastQty: fill.qty,
    lastPx: fill.px,
    transactTime: time,
    ...(synthetic ? { synthetic: true } : {}),
  };
}

function venueReportRecord(
  venue: string,
  clOrdId: string,
  report: Report,
  cursor: string | undefined,
): VenueReportRecord {
  return {
    venue,
    clOrdId,
    ...(report.venueClOrdId === undefined ? {} : { venueClOrdId: report.venueClOrdId }),
    status: report.status,
    transactTime: report.transactTime,
    ...(report.venueOrderId === undefined ? {} : { venueOrderId: report.venueOrderId }),
    ...(report.execId === undefined ? {} : { execId: report.execId }),
    ...(report.execType === undefined ? {} : { execType: report.execType }),
    ...(report.cumQty === undefined ? {} : { cumQty: report.cumQty.toString() }),
    ...(report.leavesQty === undefined ? {} : { leavesQty: report.leavesQty.toString() }),
    ...(report.avgPx === undefined ? {} : { avgPx: report.avgPx.toString() }),
    ...(report.text === undefined ? {} : { text: report.text }),
    ...(cursor === undefined ? {} : { cursor }),
  };
}
