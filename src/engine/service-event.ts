import type { DispatcherStats } from '../core/stats.js';
import type { Quote } from '../market/quote.js';
import type { OrderEvent } from '../orders/order-event.js';
import type { ParentView } from '../orders/parent-view.js';
import type { AutoHaltCause } from '../risk/auto-halts.js';
import type { LossBreach } from '../risk/daily-loss.js';
import type { HaltConfirmation } from './halt-cancels.js';
import type { TradingStateChange } from './trading-status.js';

/**
 * What the service tells its watchers (the event stream, the dashboard): orders, quotes, stats,
 * trading states and halts.
 */
export type ServiceEvent =
  | { readonly type: 'order'; readonly event: OrderEvent; readonly order: ParentView }
  | { readonly type: 'quote'; readonly quote: Quote }
  | { readonly type: 'stats'; readonly stats: EngineStats }
  /** The engine stopped taking instructions for a reason an operator must see (journal failed). */
  | { readonly type: 'engine_error'; readonly error: string; readonly message: string }
  /** A restart's recovery finished: what it found and did, before intake opened. */
  | { readonly type: 'recovery_completed'; readonly outcome: RecoverySummary }
  /** A daily loss limit was broken: only orders that reduce the position pass (once per breach). */
  | { readonly type: 'risk_breach'; readonly breach: LossBreach }
  /** A scope's trading state changed (its row committed): scope, symbol, state, by, reason, time. */
  | ({ readonly type: 'trading_state' } & TradingStateChange)
  /**
   * Every child a halt cancelled has ended, as the venue reported: scope, symbol, how many
   * children and how they ended, when the halt took effect and when it was confirmed.
   */
  | ({ readonly type: 'halt_confirmed' } & HaltConfirmation)
  /**
   * What a venue adapter says of its link (Binance: connected, rotated, rate limited, banned,
   * outcome unknown, reconciled): the venue's name, the kind, a message; never a credential.
   */
  | {
      readonly type: 'venue';
      readonly venue: string;
      readonly kind: string;
      readonly message: string;
    }
  /**
   * An exo-prefixed order open at the venue that no live child knows (an orphan) was cancelled,
   * by recovery or by the running engine's sweep: its client ID at the venue, the order ID it
   * names, and why.
   */
  | {
      readonly type: 'orphan_cancelled';
      readonly clOrdId: string;
      readonly orderId: string;
      readonly message: string;
    }
  /** An automatic halt of the limits fired: its cause, and a reason naming the figures. */
  | {
      readonly type: 'auto_halt_triggered';
      readonly cause: AutoHaltCause;
      readonly reason: string;
    };

/**
 * The engine's events for watchers, as the signatures of its Emitter: one stream, `event`, of
 * every ServiceEvent in the order it happened.
 */
export interface ServiceEvents {
  event: (event: ServiceEvent) => void;
}

/** What a recovery did, as watchers see it. */
export interface RecoverySummary {
  readonly liveOrders: number;
  readonly fillsRecovered: number;
  readonly childrenAdopted: number;
  readonly childrenRejected: number;
  readonly orphansCancelled: number;
  readonly rowsReplayed: number;
  readonly durationMs: number;
}

/** The dispatcher's counters with the conflation ratio worked out, as watchers want them. */
export interface EngineStats extends DispatcherStats {
  /** Ticks in over ticks dispatched: how many ticks conflation merged into one (1 = none). */
  readonly conflationRatio: number;
  readonly liveOrders: number;
  /**
   * Quotes and trades the market sent on every symbol, live orders or not (the dashboard's "ticks
   * in"); quotesIn and tradesIn count only the symbols of live orders, which the dispatcher follows.
   */
  readonly marketTicksIn: number;
  readonly time: number;
}

/** The stats watchers see, from the dispatcher's counters and the market's ticks at this moment. */
export function engineStats(
  stats: DispatcherStats,
  now: Pick<EngineStats, 'liveOrders' | 'marketTicksIn' | 'time'>,
): EngineStats {
  return Object.assign({}, stats, { conflationRatio: conflationRatio(stats) }, now);
}

/** Ticks in over ticks dispatched; 1 before any tick was dispatched. */
export function conflationRatio(stats: DispatcherStats): number {
  const dispatched = stats.quotesDispatched + stats.tradesDispatched;
  return dispatched === 0 ? 1 : (stats.quotesIn + stats.tradesIn) / dispatched;
}
