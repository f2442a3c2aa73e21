import type { Decimal } from '../../market/decimal.js';
import { Quote } from '../../market/quote.js';
import { Trade } from '../../market/trade.js';
import type { SeededRandom } from './seeded-random.js';
import type { SymbolSpec } from './simulated-symbol.js';

/** Chance that a print lands strictly inside a spread wider than one tick, rather than at the touch. */
const INSIDE_PRINT_CHANCE = 0.2;

/**
 * One symbol's book as a random walk: the mid moves a few ticks per quote, the spread varies
 * between one tick and its maximum, sizes vary around their averages. Everything is kept as
 * whole numbers of ticks and lots, and turned into decimals only when a quote or trade is made,
 * so prices are always on the tick grid, sizes on the lot grid, both positive, and bid < ask.
 */
export class PriceWalk {
  readonly #spec: SymbolSpec;
  readonly #random: SeededRandom;
  #bidTicks: number;
  #spreadTicks = 1;
  #bidLots: number;
  #askLots: number;
  #prints = 0;

  constructor(spec: SymbolSpec, random: SeededRandom) {
    this.#spec = spec;
    this.#random = random;
    this.#bidTicks = spec.startTicks;
    this.#bidLots = spec.quoteLots;
    this.#askLots = spec.quoteLots;
  }

  /** The current top of book, stamped with `time`. */
  quote(time: number): Quote {
    const { tick, lot } = this.#spec;
    return Quote.of({
      symbol: this.#spec.symbol,
      bidPx: ticks(tick, this.#bidTicks),
      bidQty: ticks(lot, this.#bidLots),
      askPx: ticks(tick, this.#bidTicks + this.#spreadTicks),
      askQty: ticks(lot, this.#askLots),
      time,
    });
  }

  /** Moves the book one step (mid, spread and sizes) and returns the new top of book. */
  move(time: number): Quote {
    const { maxStepTicks, maxSpreadTicks, quoteLots } = this.#spec;
    const mid2 =
      2 * this.#bidTicks +
      this.#spreadTicks +
      2 * this.#random.integer(-maxStepTicks, maxStepTicks);
    // Squaring skews the spread towards one tick, as on a liquid book.
    const spread = 1 + Math.floor(maxSpreadTicks * this.#random.next() ** 2);
    this.#spreadTicks = spread;
    // A bid below one tick reflects back up, so the walk never reaches zero.
    this.#bidTicks = Math.max(1, Math.floor((mid2 - spread) / 2));
    this.#bidLots = this.#size(quoteLots);
    this.#askLots = this.#size(quoteLots);
    return this.quote(time);
  }

  /** A print at the bid, at the ask, or now and then inside the spread; with a new trade ID. */
  print(time: number): Trade {
    const inside = this.#spreadTicks > 1 && this.#random.chance(INSIDE_PRINT_CHANCE);
    const priceTicks = inside
      ? this.#bidTicks + this.#random.integer(1, this.#spreadTicks - 1)
      : this.#bidTicks + (this.#random.chance(0.5) ? this.#spreadTicks : 0);
    const qty = ticks(this.#spec.lot, this.#size(this.#spec.tradeLots));
    this.#prints++;
    const tradeId = `${this.#spec.symbol}-${this.#prints}`;
    return Trade.of(this.#spec.symbol, ticks(this.#spec.tick, priceTicks), qty, time, tradeId);
  }

  /** A size in lots between one and twice the average. */
  #size(averageLots: number): number {
    return this.#random.integer(1, 2 * averageLots);
  }
}

/** A whole number of increments as an exact decimal. */
function ticks(increment: Decimal, count: number): Decimal {
  return increment.times(count);
}
