/**
 * A map by symbol that remembers the entry it found last: the child checks look up one symbol's
 * state several times a child, and children come in runs of one symbol, so most lookups are one
 * string comparison (most often of the very same string) where a Map hashes and probes. For
 * entries only ever added, replaced, or cleared all at once: nothing is deleted one by one.
 */
export class SymbolMap<V> {
  readonly #map = new Map<string, V>();
  #lastSymbol: string | undefined;
  #lastValue: V | undefined;

  get(symbol: string): V | undefined {
    if (symbol === this.#lastSymbol) return this.#lastValue;
    const value = this.#map.get(symbol);
    if (value !== undefined) {
      this.#lastSymbol = symbol;
      this.#lastValue = value;
    }
    return value;
  }

  set(symbol: string, value: V): void {
    this.#map.set(symbol, value);
    this.#lastSymbol = symbol;
    this.#lastValue = value;
  }

  clear(): void {
    this.#map.clear();
    this.#lastSymbol = undefined;
    this.#lastValue = undefined;
  }

  /** The symbols, in the order first set (a view, as Map's). */
  keys(): IterableIterator<string> {
    return this.#map.keys();
  }

  /** Each symbol and its entry, in the order first set (a view, as Map's). */
  entries(): IterableIterator<[string, V]> {
    return this.#map.entries();
  }
}
