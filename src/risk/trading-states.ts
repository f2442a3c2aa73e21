import type { JsonValue } from '../journal/journal-row.js';
import { ParseError } from '../market/parse-error.js';
import {
  isTradingState,
  moreRestrictive,
  type TradingScope,
  type TradingState,
} from '../market/trading-state.js';

/**
 * The trading states in force: the global one and each symbol's own (a symbol without one is
 * `active` on its own account). One instance is what intake, the child checks and the delegates
 * read in the engine; the recovery book folds the journal's changes into another, so a restart
 * comes back in the same states.
 */
export class TradingStates {
  #global: TradingState = 'active';
  readonly #own = new Map<string, TradingState>();

  /** The global state. */
  get global(): TradingState {
    return this.#global;
  }

  /** The symbol's own state (`active` when none was set). */
  own(symbol: string): TradingState {
    return this.#own.get(symbol) ?? 'active';
  }

  /** What the symbol trades under: the more restrictive of the global state and its own. */
  effective(symbol: string): TradingState {
    const own = this.#own.get(symbol);
    return own === undefined ? this.#global : moreRestrictive(this.#global, own);
  }

  /** The scope whose state makes `symbol`'s effective one: its own when that is the stricter. */
  decidingScope(symbol: string): TradingScope {
    return this.own(symbol) === this.effective(symbol) && this.own(symbol) !== 'active'
      ? { scope: 'symbol', symbol }
      : { scope: 'global' };
  }

  /** Puts a state in force for a scope; `active` for a symbol drops its own entry. */
  set(scope: TradingScope, state: TradingState): void {
    if (scope.scope === 'global') this.#global = state;
    else if (state === 'active') this.#own.delete(scope.symbol);
    else this.#own.set(scope.symbol, state);
  }

  /** The symbols with a state of their own (other than `active`), and that state. */
  symbols(): ReadonlyMap<string, TradingState> {
    return this.#own;
  }

  /** Takes every state of `other`: a restart's states, folded from the journal. */
  copyFrom(other: TradingStates): void {
    this.#global = other.#global;
    this.#own.clear();
    for (const [symbol, state] of other.#own) this.#own.set(symbol, state);
  }

  /** The states as JSON, for the recovery book's snapshot entry: `{global, symbols}`. */
  toJSON(): JsonValue {
    return { global: this.#global, symbols: Object.fromEntries(this.#own) };
  }

  /** States as `toJSON` wrote them; throws ParseError naming the field that is not. */
  static fromJSON(json: JsonValue): TradingStates {
    const states = new TradingStates();
    if (!isObject(json)) throw ParseError.expected('tradingStates', 'an object', json);
    states.#global = stateAt(json.global, 'tradingStates.global');
    const symbols = json.symbols ?? {};
    if (!isObject(symbols))
      throw ParseError.expected('tradingStates.symbols', 'an object', symbols);
    for (const [symbol, state] of Object.entries(symbols)) {
      states.set({ scope: 'symbol', symbol }, stateAt(state, `tradingStates.symbols.${symbol}`));
    }
    return states;
  }
}

function stateAt(value: JsonValue | undefined, at: string): TradingState {
  if (!isTradingState(value)) throw ParseError.expected(at, 'active, reducing or halted', value);
  return value;
}

function isObject(value: unknown): value is { readonly [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
