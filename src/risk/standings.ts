import { type ExposureState, markOf } from './exposure.js';
import { Fixed } from './fixed.js';
import type { SymbolPosition } from './positions.js';
import { SymbolMap } from './symbol-map.js';

/** Where exo stands in one symbol, as Fixed: what the exposure rules and the daily loss compute with. */
export interface Standing {
  /** The net position: positive long, negative short. */
  readonly net: Fixed;
  /** The open position's cost, signed like `net`. */
  readonly openCost: Fixed;
  /** The day's realised P&L. */
  readonly realised: Fixed;
  /** The day's traded notional. */
  readonly traded: Fixed;
  /** The mark (see markOf); undefined when flat with no reference price. */
  readonly mark: Fixed | undefined;
  /** The position at the mark, signed like it; zero when flat or without a mark. */
  readonly value: Fixed;
}

interface Entry {
  readonly position: SymbolPosition;
  readonly reference: Fixed | undefined;
  readonly standing: Standing;
}

/**
 * Each symbol's standing, converted from its position and reference price when either changes
 * and kept until then: a position changes only with a fill, a reference with a quote or a trade
 * (each a new object), so every check in between reads the same figures without converting or
 * multiplying again.
 */
export class Standings {
  readonly #source: Pick<ExposureState, 'position' | 'reference'>;
  readonly #entries = new SymbolMap<Entry>();

  constructor(source: Pick<ExposureState, 'position' | 'reference'>) {
    this.#source = source;
  }

  /** The symbol's standing now; its position now when the caller read it already. */
  of(symbol: string, position = this.#source.position(symbol)): Standing {
    const reference = this.#source.reference(symbol);
    const entry = this.#entries.get(symbol);
    if (entry?.position === position && entry.reference === reference) return entry.standing;
    const held =
      entry?.position === position
        ? entry.standing
        : {
            net: Fixed.of(position.net),
            openCost: Fixed.of(position.openCost),
            realised: Fixed.of(position.realised),
            traded: Fixed.of(position.traded),
          };
    const mark = markOf(position, reference);
    const standing: Standing = {
      net: held.net,
      openCost: held.openCost,
      realised: held.realised,
      traded: held.traded,
      mark,
      value: mark === undefined ? Fixed.ZERO : held.net.times(mark),
    };
    this.#entries.set(symbol, { position, reference, standing });
    return standing;
  }
}
