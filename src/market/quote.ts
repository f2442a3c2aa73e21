import type { Decimal } from './decimal.js';
import type { Side } from './side.js';

/** A quote's figures by name, for `Quote.of`: by position, a bid size and an ask size swap unseen. */
export interface QuoteFields {
  readonly symbol: string;
  readonly bidPx: Decimal;
  readonly bidQty: Decimal;
  readonly askPx: Decimal;
  readonly askQty: Decimal;
  /** Milliseconds since the epoch, from the venue when it gives one; 0 when left out. */
  readonly time?: number;
}

/** The best bid and offer of a symbol at a moment: what an algorithm prices against. */
export class Quote {
  /**
   * Positional, for the feed paths that hold each figure in a variable of its own name and make a
   * quote per tick; everywhere else `Quote.of` says which figure is which.
   */
  constructor(
    readonly symbol: string,
    readonly bidPx: Decimal,
    readonly bidQty: Decimal,
    readonly askPx: Decimal,
    readonly askQty: Decimal,
    /** Milliseconds since the epoch, from the venue when it gives one. */
    readonly time: number = 0,
  ) {}

  /** A quote from its figures by name. */
  static of(fields: QuoteFields): Quote {
    const { symbol, bidPx, bidQty, askPx, askQty, time = 0 } = fields;
    return new Quote(symbol, bidPx, bidQty, askPx, askQty, time);
  }

  /** The price on this side's own side of the book (a buyer's near side is the bid). */
  nearPx(side: Side): Decimal {
    return side === 'buy' ? this.bidPx : this.askPx;
  }

  /** The size on this side's own side of the book. */
  nearQty(side: Side): Decimal {
    return side === 'buy' ? this.bidQty : this.askQty;
  }

  /** The price this side would take liquidity at (a buyer's far side is the ask). */
  farPx(side: Side): Decimal {
    return side === 'buy' ? this.askPx : this.bidPx;
  }

  /** The size available to take on the far side. */
  farQty(side: Side): Decimal {
    return side === 'buy' ? this.askQty : this.bidQty;
  }

  /** Ask minus bid. */
  spread(): Decimal {
    return this.askPx.minus(this.bidPx);
  }

  /** The midpoint of bid and ask. */
  mid(): Decimal {
    return this.bidPx.plus(this.askPx).div(2);
  }
}
