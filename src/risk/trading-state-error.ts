import type { RestrictiveState, TradingScope } from '../market/trading-state.js';
import type { StateRefusal } from './trading-gate.js';

/** The codes a trading-state refusal answers with: `trading_halted` or `trading_reducing`. */
export type TradingStateErrorCode = `trading_${RestrictiveState}`;

/**
 * An instruction refused because of its symbol's trading state, before anything was journaled: a
 * new parent (or a replace up) while the symbol is halted, or one that does not reduce the
 * position while it is reducing. The API answers it 409 with the code, the scope and the state.
 */
export class TradingStateError extends Error {
  override readonly name = 'TradingStateError';
  readonly code: TradingStateErrorCode;
  readonly state: RestrictiveState;

  constructor(
    readonly scope: TradingScope,
    readonly refusal: StateRefusal,
  ) {
    super(refusal.message);
    this.state = refusal.rule;
    this.code = `trading_${refusal.rule}`;
  }
}
