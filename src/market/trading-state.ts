/**
 * Whether a symbol, or everything, may trade: `active` (no restriction), `reducing` (only orders
 * that bring the position towards flat), `halted` (no new parents or children; working children
 * are cancelled). A symbol's effective state is the more restrictive of the global state and its own.
 */
export type TradingState = 'active' | 'reducing' | 'halted';

/** Every trading state, least restrictive first: for validation and for ranking. */
export const TRADING_STATES: readonly TradingState[] = ['active', 'reducing', 'halted'];

/** Whether a value read from a file, a body or a caller is a trading state. */
export function isTradingState(value: unknown): value is TradingState {
  return typeof value === 'string' && (TRADING_STATES as readonly string[]).includes(value);
}

/** The more restrictive of two states: what a symbol trades under, given the global state and its own. */
export function moreRestrictive(a: TradingState, b: TradingState): TradingState {
  return TRADING_STATES.indexOf(a) >= TRADING_STATES.indexOf(b) ? a : b;
}

/**
 * What a trading state applies to: every symbol (`global`), or one. On the wire, in journal rows
 * and events, `scope` says which and `symbol` names the one.
 */
export type TradingScope =
  | { readonly scope: 'global' }
  | { readonly scope: 'symbol'; readonly symbol: string };

/** The scope of `symbol`, or the global scope without one. */
export function scopeOf(symbol: string | undefined): TradingScope {
  return symbol === undefined ? { scope: 'global' } : { scope: 'symbol', symbol };
}

/** Whether a scope covers `symbol`: the global scope covers every symbol, a symbol's only itself. */
export function covers(scope: TradingScope, symbol: string): boolean {
  return scope.scope === 'global' || scope.symbol === symbol;
}

/** A scope in words: `global` or `symbol BTC-USD`. */
export function scopeText(scope: TradingScope): string {
  return scope.scope === 'global' ? 'global' : `symbol ${scope.symbol}`;
}

/** A state that refuses some orders: the ones a refusal names. */
export type RestrictiveState = Exclude<TradingState, 'active'>;

/**
 * The text of a child report refused because of its symbol's trading state, `risk: halted: ...`
 * or `risk: reducing: ...`: the risk checks write it, delegates read it back with
 * `refusingState`, so the two cannot drift apart.
 */
export function tradingRefusalText(state: RestrictiveState, detail: string): string {
  return `risk: ${state}: ${detail}`;
}

/**
 * The trading state that refused a child, when its report text says one did (see
 * `tradingRefusalText`); undefined for any other text. Such a refusal is no verdict on the order:
 * a delegate holds and tries again once the state changes.
 */
export function refusingState(text: string | undefined): RestrictiveState | undefined {
  if (text === undefined) return undefined;
  if (text.startsWith(HALTED_PREFIX)) return 'halted';
  if (text.startsWith(REDUCING_PREFIX)) return 'reducing';
  return undefined;
}

const HALTED_PREFIX = tradingRefusalText('halted', '');
const REDUCING_PREFIX = tradingRefusalText('reducing', '');
