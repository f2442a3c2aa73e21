import type { TradingStateChangedBy } from '../journal/journal-records.js';
import type { TradingScope, TradingState } from '../market/trading-state.js';
import type { AwaitingCancel } from './halt-cancels.js';

/** What `Engine.setTradingState` is asked: a state for every symbol, or for `symbol`, by whom and why. */
export interface TradingStateRequest {
  /** The symbol whose own state changes; the global state without one. */
  readonly symbol?: string;
  readonly state: TradingState;
  readonly by: TradingStateChangedBy;
  /** Why, in the words of whoever asks; journaled and announced with the change. */
  readonly reason?: string;
}

/** What `Engine.halt` and `Engine.resume` are asked: the request without its state. */
export type HaltRequest = Omit<TradingStateRequest, 'state'>;

/**
 * A change of trading state the engine put in force once its row committed: what
 * `setTradingState` (and `halt`, `resume`) resolve with and the `trading_state` event carries.
 */
export type TradingStateChange = TradingScope & {
  readonly state: TradingState;
  readonly by: TradingStateChangedBy;
  readonly reason?: string;
  /** When it took effect (the engine's clock). */
  readonly time: number;
};

/** One symbol's trading state: its own, and the one it trades under (the stricter of it and the global). */
export interface SymbolTradingState {
  readonly own: TradingState;
  readonly effective: TradingState;
}

/** Where trading stands now: `Engine.tradingStatus()`. */
export interface TradingStatus {
  readonly global: TradingState;
  /** Each of the engine's symbols, and any other given a state of its own. */
  readonly symbols: Readonly<Record<string, SymbolTradingState>>;
  /** The children halts cancelled whose end the venue has not reported yet, oldest first. */
  readonly awaitingCancel: readonly AwaitingCancel[];
  /** When the latest halt's cancels were all confirmed; absent while some await, or before any halt. */
  readonly confirmedAt?: number;
}
