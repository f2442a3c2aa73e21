import type { Clock } from '../core/clock.js';
import type { Emitter } from '../core/emitter.js';
import { InstructionError } from '../core/errors.js';
import type { Journal } from '../journal/journal.js';
import {
  journalKeys,
  TRADING_ROW_ID,
  TRADING_STATE_CHANGED_BY,
  type TradingStateChangedRecord,
} from '../journal/journal-records.js';
import { extended } from '../market/extended.js';
import type { Report } from '../market/report.js';
import {
  isTradingState,
  scopeOf,
  type TradingScope,
  type TradingState,
} from '../market/trading-state.js';
import { TradingStates } from '../risk/trading-states.js';
import { HaltCancels, type HaltedChild } from './halt-cancels.js';
import type { ServiceEvents } from './service-event.js';
import type {
  HaltRequest,
  SymbolTradingState,
  TradingStateChange,
  TradingStateRequest,
  TradingStatus,
} from './trading-status.js';

/** What an engine's trading states are changed with, and whom a change reaches. */
export interface EngineTradingStatesParts {
  readonly clock: Clock;
  /** The engine's symbols: a change may name no other. */
  readonly symbols: readonly string[];
  /** Where each change is written ahead. */
  readonly journal: Journal;
  /** The engine's numbers unique across restarts, for the rows' keys. */
  readonly nextNumber: () => number;
  readonly events: Emitter<ServiceEvents>;
  /** Shows a scope's state (`global` or a symbol) in the metrics; `changed` unless in force. */
  readonly show: (scope: string, state: TradingState, changed: boolean) => void;
  /** Tells the delegates of `symbol` (of every symbol without it) that its state changed. */
  readonly changed: (symbol: string | undefined) => void;
  /** The children working on `symbol` (on every symbol without it): what a halt cancels. */
  readonly workingChildren: (symbol: string | undefined) => readonly HaltedChild[];
  /** Sends a halt's cancel of a child, through the journaled venue. */
  readonly cancel: (clOrdId: string) => void;
  /** Told when the global state is lifted to `active`: the automatic halts re-arm. */
  readonly globalResumed: () => void;
  /** Whether the engine is stopping: no change is taken then. */
  readonly stopping: () => boolean;
}

/**
 * The engine's kill switch: the trading states in force, each change journaled before it takes
 * effect, and the children halts cancelled until the venue has ended each. The engine's
 * `setTradingState`, `halt`, `resume` and `tradingStatus` are these.
 */
export class EngineTradingStates {
  /**
   * The trading states in force: intake, the child checks and the delegates read this one. Those
   * journaled are in force from the start's pass over the journal, before any order is restored.
   */
  readonly states = new TradingStates();
  readonly #parts: EngineTradingStatesParts;
  /** The children halts cancelled, until the venue has ended each. */
  readonly #halts: HaltCancels;

  constructor(parts: EngineTradingStatesParts) {
    this.#parts = parts;
    this.#halts = new HaltCancels({
      clock: parts.clock,
      cancel: (clOrdId) => parts.cancel(clOrdId),
      confirmed: (confirmation) =>
        parts.events.emit('event', { type: 'halt_confirmed', ...confirmation }),
    });
  }

  /** Puts in force the states the journal left, shown in the metrics (none counted as a change). */
  journaled(states: TradingStates): void {
    this.states.copyFrom(states);
    this.#parts.show('global', this.states.global, false);
    for (const [symbol, state] of this.states.symbols()) this.#parts.show(symbol, state, false);
  }

  /**
   * Puts a trading state in force for every symbol (no `symbol`) or for one, once a
   * `trading_state_changed` row saying who and why has committed; then tells the delegates (their
   * `Update.tradingState`), announces a `trading_state` event and, for `halted`, cancels every
   * working child of the scope through the journaled venue (see `tradingStatus` and the
   * `halt_confirmed` event for their confirmation). Resolves with the change in force. Rejects
   * with InstructionError (`invalid_instruction`: an unknown symbol, state or `by`; `stopped`)
   * before writing anything, or with the journal's error, nothing changed, when it cannot write.
   */
  async setTradingState(request: TradingStateRequest): Promise<TradingStateChange> {
    const { symbol, state, by, reason } = request;
    this.#assertRequest(request);
    const scope = scopeOf(symbol);
    const body: TradingStateChangedRecord = Object.assign(
      {},
      scope,
      { state, by },
      reason === undefined ? {} : { reason },
    );
    const parts = this.#parts;
    await parts.journal.append({
      orderId: TRADING_ROW_ID,
      kind: 'trading_state_changed',
      idempotencyKey: journalKeys.tradingState(parts.nextNumber()),
      body,
    });
    this.states.set(scope, state);
    // Lifting the global state re-arms the automatic halts, which each fire once until then.
    if (symbol === undefined && state === 'active') parts.globalResumed();
    parts.show(symbol ?? 'global', state, true);
    parts.changed(symbol);
    const change: TradingStateChange = extended(body, { time: parts.clock.now() });
    parts.events.emit('event', { type: 'trading_state', ...change });
    if (state === 'halted') this.#halts.halt(scope, parts.workingChildren(symbol));
    return change;
  }

  /** Halts every symbol, or `symbol`: `setTradingState` with `halted`. */
  halt(request: HaltRequest): Promise<TradingStateChange> {
    return this.setTradingState(extended(request, { state: 'halted' }));
  }

  /** Lets every symbol, or `symbol`, trade again: `setTradingState` with `active`. */
  resume(request: HaltRequest): Promise<TradingStateChange> {
    return this.setTradingState(extended(request, { state: 'active' }));
  }

  /**
   * Where trading stands now: the global state, each symbol's own and effective state, the
   * children halts cancelled that the venue has not ended yet, and when the latest halt was
   * confirmed.
   */
  tradingStatus(): TradingStatus {
    const states = this.states;
    const symbols: Record<string, SymbolTradingState> = {};
    for (const symbol of new Set([...this.#parts.symbols, ...states.symbols().keys()])) {
      symbols[symbol] = { own: states.own(symbol), effective: states.effective(symbol) };
    }
    const confirmedAt = this.#halts.confirmedAt;
    return {
      global: states.global,
      symbols,
      awaitingCancel: this.#halts.awaiting(),
      ...(confirmedAt === undefined ? {} : { confirmedAt }),
    };
  }

  /** Follows a child's report for the halts: its end confirms a halt's cancel of it. */
  onReport(report: Report): void {
    this.#halts.onReport(report);
  }

  /** Cancels the children still working in the halted scopes (after a restart). */
  cancelHalted(): void {
    const states = this.states;
    const halt = (scope: TradingScope, symbol?: string): void =>
      this.#halts.halt(scope, this.#parts.workingChildren(symbol));
    if (states.global === 'halted') {
      halt({ scope: 'global' });
      return;
    }
    for (const [symbol, state] of states.symbols()) {
      if (state === 'halted') halt(scopeOf(symbol), symbol);
    }
  }

  /** Refuses, before anything is written, a change naming an unknown symbol, state or `by`. */
  #assertRequest(request: TradingStateRequest): void {
    const { symbol, state, by } = request;
    if (this.#parts.stopping()) {
      throw new InstructionError('stopped', undefined, 'the engine is stopping');
    }
    const { symbols } = this.#parts;
    const problem =
      symbol !== undefined && !symbols.includes(symbol)
        ? `symbol: unknown symbol ${JSON.stringify(symbol)} (known: ${symbols.join(', ')})`
        : !isTradingState(state)
          ? `state: expected active, reducing or halted, got ${JSON.stringify(state)}`
          : !TRADING_STATE_CHANGED_BY.includes(by)
            ? `by: expected ${TRADING_STATE_CHANGED_BY.join(', ')}, got ${JSON.stringify(by)}`
            : undefined;
    if (problem !== undefined)
      throw new InstructionError('invalid_instruction', undefined, problem);
  }
}
