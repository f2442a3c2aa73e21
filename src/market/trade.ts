import type { Decimal } from './decimal.js';
import { sign } from './decimal.js';

/**
 * A print on the tape, or several merged: the last price and size of the most recent,
 * with volume and VWAP over all of them. Immutable: aggregating returns a new Trade, so a
 * trade that many orders of a symbol hold is never changed under them.
 */
export class Trade {
  #notional: Decimal | undefined;
  #vwap: Decimal | undefined;

  private constructor(
    readonly symbol: string,
    readonly lastPx: Decimal,
    readonly lastQty: Decimal,
    /** Total quantity of every print merged into this one. */
    readonly volume: Decimal,
    /** How many prints are merged into this one. */
    readonly count: number,
    /** Milliseconds since the epoch of the most recent print. */
    readonly time: number,
    /** The venue's identifier of the most recent print, where it gives one. */
    readonly tradeId: string | undefined,
    notional: Decimal | undefined,
  ) {
    this.#notional = notional;
  }

  /** A single print. */
  static of(symbol: string, px: Decimal, qty: Decimal, time = 0, tradeId?: string): Trade {
    return new Trade(symbol, px, qty, qty, 1, time, tradeId, undefined);
  }

  /** Sum of price times quantity over the merged prints; computed on first use. */
  get notional(): Decimal {
    if (this.#notional === undefined) this.#notional = this.lastPx.times(this.lastQty);
    return this.#notional;
  }

  /** Volume-weighted average price over the merged prints; the last price when volume is zero. */
  get vwap(): Decimal {
    if (this.#vwap === undefined) {
      const single = this.count === 1 || sign(this.volume) === 0;
      this.#vwap = single ? this.lastPx : this.notional.div(this.volume);
    }
    return this.#vwap;
  }

  /** This trade followed by `later`: last price and size of `later`, volume and VWAP of both. */
  aggregate(later: Trade): Trade {
    return new Trade(
      later.symbol,
      later.lastPx,
      later.lastQty,
      this.volume.plus(later.volume),
      this.count + later.count,
      later.time,
      later.tradeId,
      this.notional.plus(later.notional),
    );
  }
}
