import { compare, type Decimal, sign } from '../market/decimal.js';
import type { Side } from '../market/side.js';
import {
  type RestrictiveState,
  scopeText,
  type TradingScope,
  type TradingState,
} from '../market/trading-state.js';
import type { RiskRefusal } from './risk-limits.js';

/** An order (parent or child) as the trading-state gate sees it. */
export interface GatedTerms {
  readonly symbol: string;
  readonly side: Side;
  /** What it would add on its side: a new order's quantity, a changed one's new open quantity. */
  readonly quantity: Decimal;
}

/** A refusal by a trading state: its rule is the state. */
export type StateRefusal = RiskRefusal & { readonly rule: RestrictiveState };

/** The state a symbol trades under and the scope that set it (see TradingStates.decidingScope). */
export interface GateState {
  readonly state: TradingState;
  readonly scope: TradingScope;
}

/**
 * Whether the trading state lets an order through, or why not: `halted` refuses every order;
 * `reducing` lets through only one that reduces the position, i.e. on the side opposite the net
 * position (a sell when long, a buy when short; nothing reduces a flat position) and for no more
 * than the position once `open`, what the symbol's other orders on that side have still to fill,
 * is added: `quantity + open ≤ |net|`. The refusal's rule is the state; its message starts with
 * the state, so a child's report reads `risk: halted: ...` or `risk: reducing: ...`.
 */
export function tradingStateRefusal(
  gate: GateState,
  terms: GatedTerms,
  open: Decimal,
  net: Decimal,
): StateRefusal | undefined {
  const { state, scope } = gate;
  if (state === 'active') return undefined;
  const where = `${terms.symbol} is ${state} (${scopeText(scope)})`;
  if (state === 'halted') {
    return stateRefusal(state, state, terms.quantity.toString(), `${where}: no new orders`);
  }
  const reduces = sign(net) > 0 ? terms.side === 'sell' : sign(net) < 0 && terms.side === 'buy';
  const total = terms.quantity.plus(open);
  const room = net.abs();
  if (reduces && compare(total, room) <= 0) return undefined;
  const position = `the position ${net.toString()}`;
  const why = reduces
    ? `${terms.side} ${terms.quantity.toString()} with ${open.toString()} already open on that side would go past ${position}`
    : `a ${terms.side} does not reduce ${position}`;
  return stateRefusal(state, room.toString(), total.toString(), `${where}: ${why}`);
}

function stateRefusal(
  state: RestrictiveState,
  limit: string,
  value: string,
  detail: string,
): StateRefusal {
  return { rule: state, limit, value, message: `${state}: ${detail}` };
}
