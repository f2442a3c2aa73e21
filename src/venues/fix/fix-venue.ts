import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Clock, RealClock } from '../../core/clock.js';
import type { FixSession } from '../../fix/session.js';
import { fixClientIds } from '../client-id-format.js';
import {
  type SequencedFill,
  type SequencedPage,
  sequenceCovers,
  sequenceCursor,
  sequenceOf,
} from '../sequence-cursor.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  ConnectionListener,
  ReportSink,
  Venue,
  VenueLink,
} from '../venue.js';
import type { VenueFill, VenueOrderStatus } from '../venue-queries.js';
import { AppMsgType } from './app-tags.js';
import { type FixAdapterCounters, FixInbound } from './fix-inbound.js';
import { FixLink } from './fix-link.js';
import { reconcileAtLogon } from './fix-logon-reconcile.js';
import { FixMarketData } from './fix-market-data.js';
import { FixOrderEntry } from './fix-order-entry.js';
import { FixOrders } from './fix-orders.js';
import { FixPending } from './fix-pending.js';
import { FixQueries } from './fix-queries.js';
import { FixStatusQueries } from './fix-status-queries.js';
import type { FixVenueOptions } from './fix-venue-options.js';
import { OrderLog } from './order-log.js';

/**
 * exo's FIX 4.4 initiator as a Venue: children become NewOrderSingle (D), replaces
 * OrderCancelReplaceRequest (G, renaming the order: a fresh ClOrdID as 11, the current as 41),
 * cancels OrderCancelRequest (F); orderStatus and openOrders are H and AF. ExecutionReports
 * become exo reports (fix-inbound.ts). The session (src/fix, kept up by fix-link.ts) keeps sequences in its store across
 * restarts and replays or is replayed what a drop missed; the adapter's order log
 * (fix-orders.ts) keeps the short wire ClOrdIDs, each order's terms and the ExecIDs applied to it, so a
 * report replayed after a restart is applied once; at every logon the adapter checks its working
 * orders with AF and H (fix-logon-reconcile.ts). The fills cursor is the adapter's own count of
 * reports applied: fillsSince lists the fills journaled after it, which after a restart includes
 * what the Logon's resend delivered. Market data comes over the same session (fix-market-data.ts).
 */
export class FixVenue implements Venue {
  readonly name: string;
  readonly clientIds = { format: fixClientIds(36), renamesOnReplace: 'always' as const };
  /** The venue's market data (V/W/X), to subscribe the dispatcher to. */
  readonly marketData: FixMarketData;
  /** The FIX session, for its state and counters. */
  readonly session: FixSession;
  readonly #clock: Clock;
  readonly #orders: FixOrders;
  readonly #pending = new FixPending();
  readonly #queries: FixQueries;
  readonly #inbound: FixInbound;
  readonly #status: FixStatusQueries;
  readonly #entry: FixOrderEntry;
  readonly #link: FixLink;
  readonly #onProblem: (problem: string) => void;
  #sink: ReportSink | undefined;
  /** Reports of the received chunk being committed (fsync 'always'): they reach exo once it is on disk. */
  #held: Array<Parameters<ReportSink>> | undefined;
  #syncing = false;
  #closed = false;

  constructor(options: FixVenueOptions) {
    this.name = options.name ?? 'fix';
    this.#clock = options.clock ?? new RealClock();
    this.#onProblem = options.onProblem ?? (() => {});
    mkdirSync(options.storeDir, { recursive: true });
    const log = OrderLog.open(join(options.storeDir, 'orders.log'), options.fsync ?? 'always');
    this.#orders = new FixOrders(log, options.clOrdIdMaxLength ?? 20);
    const now = () => this.#clock.now();
    this.#queries = new FixQueries(this.name, this.#clock, options.queryTimeoutMs ?? 5000);
    this.#inbound = new FixInbound({
      orders: this.#orders,
      pending: this.#pending,
      queries: this.#queries,
      sink: () => this.#deliver,
      now,
      onProblem: this.#onProblem,
    });
    this.#entry = new FixOrderEntry({
      venue: this.name,
      orders: this.#orders,
      pending: this.#pending,
      send: (type, body) => this.#link.send(type, body),
      report: (report) => this.#deliver(report),
      now,
    });
    this.#status = new FixStatusQueries(this.#orders, this.#queries, (type, body) =>
      this.#link.send(type, body),
    );
    this.marketData = new FixMarketData(
      (body) => this.#link.sendIfActive(AppMsgType.MarketDataRequest, body),
      this.#onProblem,
      now,
    );
    this.#link = new FixLink(options, this.#clock, {
      message: (message) => {
        try {
          if (!this.#inbound.receive(message) && !this.marketData.receive(message)) {
            this.#onProblem(`unexpected MsgType ${message.msgType} from ${this.name}`);
          }
        } catch (error) {
          this.#onProblem(`message ${message.msgType} from ${this.name}: ${String(error)}`);
        }
        this.#syncSoon();
      },
      loggedOn: () => {
        this.marketData.loggedOn();
        if (options.reconcileOnLogon !== false) this.#reconcile();
      },
      dropped: () => this.#inbound.dropped(),
      commit: {
        hold: () => {
          this.#orders.log.hold();
          this.#held ??= [];
        },
        flush: () => this.#orders.log.commit(),
        release: () => this.#release(),
      },
    });
    this.session = this.#link.session;
  }

  /** Whether the session is logged on now. */
  get connected(): boolean {
    return this.#link.connected;
  }

  /** How many logons completed: 2 after the first reconnect. */
  get connections(): number {
    return this.#link.logons;
  }

  /** Children sent whose last known status is not final. */
  get working(): number {
    return this.#orders.working();
  }

  /** Child requests and queries not yet answered. */
  get unconfirmed(): number {
    return this.#pending.size + this.#queries.size;
  }

  /**
   * The link as the getters above see it now (see Venue.link). A FIX venue's restarts cannot be
   * told from a drop (the session resumes either way), and the session's own gap recovery holds
   * nothing back from exo: `restarts` stays 0 and `catchingUp` false. `counters` are the
   * session's and the adapter's (as on /metrics: exo_fix_*).
   */
  link(): VenueLink {
    const session = this.session.counters;
    return {
      connected: this.connected,
      connections: this.connections,
      restarts: 0,
      working: this.working,
      unconfirmed: this.unconfirmed,
      catchingUp: false,
      counters: {
        'resend requests sent': session.resendRequestsSent,
        'messages resent': session.messagesResent,
        'gap fills sent': session.gapFillsSent,
        'rejects sent': session.rejectsSent,
        'duplicates dropped': session.duplicatesDropped,
        'duplicate reports': this.counters.duplicateReports,
        'rejects received': this.counters.rejects,
      },
    };
  }

  /** What the adapter dropped or refused. */
  get counters(): FixAdapterCounters {
    return this.#inbound.counters;
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  onConnection(listener: ConnectionListener): () => void {
    return this.#link.onConnection(listener);
  }

  submit(request: ChildOrderRequest): void {
    this.#entry.submit(request);
  }

  replace(request: ChildReplaceRequest): void {
    this.#entry.replace(request);
  }

  cancel(clOrdId: string): void {
    this.#entry.cancel(clOrdId);
  }

  openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    return this.#status.open(prefix, this.#onProblem);
  }

  orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    return this.#status.of(clOrdId);
  }

  /** The fills applied after `cursor` (a count of reports applied, see sequenceCursor). */
  fillsSince(cursor?: string): Promise<SequencedPage> {
    let after: number;
    try {
      after = sequenceOf(cursor);
    } catch (error) {
      return Promise.reject(error);
    }
    const fills = this.#orders.fillsAfter(after);
    const last = fills.at(-1)?.venueSeq ?? after;
    return Promise.resolve({ fills, cursor: sequenceCursor(last) });
  }

  /** Cursors count the reports applied, so they are ordered: see Venue.cursorCovers. */
  cursorCovers(cursor: string, fill: VenueFill): boolean {
    return sequenceCovers(cursor, fill);
  }

  /** Every fill of one child the adapter applied. */
  fillsOf(clOrdId: string): Promise<SequencedFill[]> {
    return Promise.resolve(this.#orders.fillsOf(clOrdId));
  }

  /**
   * Logs out, stops reconnecting and closes the store and the log once the session is down (or
   * after the logout timeout); waiting queries fail with VenueClosedError.
   */
  async close(): Promise<void> {
    this.#queries.close();
    await this.#link.close();
    this.#closed = true;
    this.#orders.log.close();
  }

  /** The logon's reconciliation (reconcileAtLogon); what fails (a query unanswered) is a problem. */
  #reconcile(): void {
    reconcileAtLogon({
      orders: this.#orders,
      status: this.#status,
      report: (report) => this.#deliver(report),
      now: () => this.#clock.now(),
      onProblem: this.#onProblem,
    }).catch((error: unknown) => {
      if (!this.#closed) this.#onProblem(`reconciling at logon failed: ${String(error)}`);
    });
  }

  /** A report to exo: now, or once the chunk being committed is on disk (see ChunkGroup). */
  readonly #deliver: ReportSink = (report, cursor) => {
    if (this.#held !== undefined) this.#held.push([report, cursor]);
    else this.#sink?.(report, cursor);
  };

  /** Hands exo the reports held while their chunk was committed, in order. */
  #release(): void {
    const held = this.#held ?? [];
    this.#held = undefined;
    for (const [report, cursor] of held) {
      try {
        this.#sink?.(report, cursor);
      } catch (error) {
        this.#onProblem(`report for ${report.clOrdId ?? report.orderId}: ${String(error)}`);
      }
    }
  }

  /**
   * Forces the order log to disk once the chunk being read is handled (with fsync 'batch'; with
   * 'always' each append already was), as the session store does with its own appends.
   */
  #syncSoon(): void {
    if (this.#syncing) return;
    this.#syncing = true;
    queueMicrotask(() => {
      this.#syncing = false;
      if (!this.#closed) this.#orders.log.sync();
    });
  }
}
