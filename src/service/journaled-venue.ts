import type { Clock } from '../core/clock.js';
import type { Journal } from '../journal/journal.js';
import type { JournalKind } from '../journal/journal-kind.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type {
  ChildCancelRecord,
  ChildIntentRecord,
  ChildReplaceRecord,
  FillJournalRecord,
  VenueReportRecord,
} from '../recovery/journal-records.js';
import { journalKeys } from '../recovery/journal-records.js';
import { crashPoint } from '../testing/crash-point.js';
import { parentIdOf } from '../venues/paper/parent-id.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueOrderStatus,
} from '../venues/venue.js';
import type { FillKeys } from './fill-keys.js';

/** The reason a child request that could not be journaled is rejected with. */
export const JOURNAL_UNAVAILABLE_REASON = 'journal unavailable';

/** What a journaled venue writes to, and whom it tells. */
export interface JournaledVenueOptions {
  /** The venue requests go to once journaled, and reports come from. */
  readonly venue: Venue;
  readonly journal: Journal;
  readonly clock: Clock;
  /** The fills journaled so far for live parents (rebuilt from the journal at startup). */
  readonly fills: FillKeys;
  /** Numbers unique across restarts, for the keys of replace rows. */
  readonly nextNumber: () => number;
  /** Told of a fill whose venue and exec ID were already journaled: it was dropped. */
  readonly onDuplicateFill?: (report: Report) => void;
  /** Told when an append failed (the journal became unavailable, or refused a row). */
  readonly onJournalError?: (error: unknown) => void;
}

/**
 * A venue that journals on the way out and on the way in. A child request (new, replace, cancel)
 * is appended as `child_intent`/`child_replace`/`child_cancel` and leaves for the venue only once
 * that row committed, in request order; when the journal cannot write, the request never leaves
 * and the child gets a rejected report (`journal unavailable`). Every report is appended as
 * `venue_report`, fills also as `fill` keyed by venue and exec ID; a fill already journaled is a
 * duplicate and is dropped. Reports are delivered at once, not after their commit: recovery reads
 * fills again from the venue, and answers and events wait for the commit elsewhere.
 */
export class JournaledVenue implements Venue {
  readonly name: string;
  readonly #venue: Venue;
  readonly #journal: Journal;
  readonly #options: JournaledVenueOptions;
  /** Each working child's latest status, for the status of a refusal made here. */
  readonly #status = new Map<string, OrdStatus>();
  #sink: ReportSink | undefined;

  constructor(options: JournaledVenueOptions) {
    this.#venue = options.venue;
    this.#journal = options.journal;
    this.#options = options;
    this.name = options.venue.name;
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
    this.#venue.onReport((report, venueSeq) => this.#onReport(report, venueSeq));
  }

  submit(request: ChildOrderRequest): void {
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
      () => this.#venue.submit(request),
      () => this.#refuse(request.parentId, request.clOrdId, 'rejected'),
    );
  }

  replace(request: ChildReplaceRequest): void {
    const body: ChildReplaceRecord = {
      clOrdId: request.clOrdId,
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
      () => this.#venue.replace(request),
      () => this.#refuse(parentId, request.clOrdId, 'replace_rejected'),
    );
  }

  cancel(clOrdId: string): void {
    const body: ChildCancelRecord = { clOrdId, venue: this.name };
    const parentId = parentIdOf(clOrdId);
    this.#sendAfterCommit(
      parentId,
      'child_cancel',
      journalKeys.cancel(clOrdId),
      body,
      () => this.#venue.cancel(clOrdId),
      () => this.#refuse(parentId, clOrdId, 'cancel_rejected'),
    );
  }

  openOrders(prefix?: string): Promise<VenueOrderStatus[]> {
    return this.#venue.openOrders(prefix);
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    return this.#venue.orderStatus(clOrdId);
  }

  fillsSince(cursor: number): Promise<FillsPage> {
    return this.#venue.fillsSince(cursor);
  }

  close(): Promise<void> {
    return this.#venue.close();
  }

  /**
   * Appends the request's row and sends it once committed. Appends resolve in append order (one
   * group commit after another, each in order), so requests leave in the order they were made.
   */
  #sendAfterCommit(
    orderId: string,
    kind: JournalKind,
    idempotencyKey: string,
    body: unknown,
    send: () => void,
    refuse: () => void,
  ): void {
    const sendNow = (): void => {
      crashPoint('intent-before-send');
      send();
      crashPoint('send-before-ack');
    };
    this.#journal
      .append({ orderId, kind, idempotencyKey, body })
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
   * watch's verdict), as a venue report without a venue sequence: a restart then starts from what
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

  #onReport(report: Report, venueSeq: number | undefined): void {
    const clOrdId = report.clOrdId ?? report.orderId;
    const fillKey =
      report.execId !== undefined && report.lastQty !== undefined && report.lastPx !== undefined
        ? journalKeys.fill(this.name, report.execId)
        : undefined;
    if (fillKey !== undefined) {
      if (this.#options.fills.has(fillKey)) {
        this.#options.onDuplicateFill?.(report);
        return;
      }
      this.#options.fills.remember(report.orderId, fillKey);
    }
    const reportId =
      venueSeq !== undefined
        ? `seq-${venueSeq}`
        : (report.execId ?? `n-${this.#options.nextNumber()}`);
    this.#append(
      report.orderId,
      'venue_report',
      journalKeys.report(this.name, clOrdId, reportId),
      venueReportRecord(this.name, clOrdId, report, venueSeq),
    );
    if (fillKey !== undefined) {
      const fill: FillJournalRecord = {
        venue: this.name,
        clOrdId,
        execId: report.execId!,
        qty: report.lastQty!.toString(),
        px: report.lastPx!.toString(),
        time: report.transactTime,
        ...(venueSeq === undefined ? {} : { venueSeq }),
      };
      this.#append(report.orderId, 'fill', fillKey, fill);
      crashPoint('fill-before-commit');
    }
    this.#noteStatus(clOrdId, report);
    // Delivered once its rows committed, so the engine sees reports and instructions in the
    // journal's order: recovery, which replays that order, then rebuilds what the engine did.
    this.#journal.committed().then(
      () => this.#sink?.(report, venueSeq),
      (error: unknown) => this.#options.onJournalError?.(error),
    );
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

function venueReportRecord(
  venue: string,
  clOrdId: string,
  report: Report,
  venueSeq: number | undefined,
): VenueReportRecord {
  return {
    venue,
    clOrdId,
    status: report.status,
    transactTime: report.transactTime,
    ...(report.venueOrderId === undefined ? {} : { venueOrderId: report.venueOrderId }),
    ...(report.execId === undefined ? {} : { execId: report.execId }),
    ...(report.execType === undefined ? {} : { execType: report.execType }),
    ...(report.cumQty === undefined ? {} : { cumQty: report.cumQty.toString() }),
    ...(report.leavesQty === undefined ? {} : { leavesQty: report.leavesQty.toString() }),
    ...(report.avgPx === undefined ? {} : { avgPx: report.avgPx.toString() }),
    ...(report.text === undefined ? {} : { text: report.text }),
    ...(venueSeq === undefined ? {} : { venueSeq }),
  };
}
