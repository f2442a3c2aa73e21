import type { Decimal } from '../market/decimal.js';
import type { ReplayedOrder } from '../replay/replay-outcome.js';
import type { QuoteTick } from '../ticks/tick-event.js';
import { MinMaxColumns } from './min-max-columns.js';
import { exactMid, type TapeSums } from './tape-sums.js';

/** What one order's life on the tape came to: its benchmarks and the decimated mid for its chart. */
export interface OrderMarket {
  readonly arrivalMid: Decimal | undefined;
  readonly endMid: Decimal | undefined;
  /** Recorded volume and Σ px·qty of the trades received in [startUs, lifeEndUs]. */
  readonly volume: Decimal;
  readonly notional: Decimal;
  readonly chart: MinMaxColumns;
  readonly chartFromUs: number;
  readonly chartToUs: number;
}

/** How an order's chart is cut: its pixel columns and the margin around its life. */
export interface ChartCut {
  readonly columns: number;
  /** Share of the order's life shown before its start and after its end. */
  readonly margin: number;
}

type Kept = { readonly quote: QuoteTick; readonly index: number };

/**
 * One order's view of its symbol's tape as the recording streams past: it keeps the last quote
 * before the order's start (arrival) and at or before its end, the symbol's running trade sums
 * as its life begins and ends, and the decimated mid over its chart's span. Decimals are parsed
 * only for what it keeps.
 */
export class OrderWindow {
  readonly #startUs: number;
  readonly #endUs: number;
  readonly #chart: MinMaxColumns;
  readonly #chartFromUs: number;
  readonly #chartToUs: number;
  #arrival: Kept | undefined;
  #end: Kept | undefined;
  #sumsAtStart: TapeSums | undefined;
  #sumsAtEnd: TapeSums | undefined;

  /** `lifeEndUs`: the order's end, or the recording's when it ended first. */
  constructor(
    order: ReplayedOrder,
    lifeEndUs: number,
    span: { readonly fromUs: number; readonly toUs: number },
    cut: ChartCut,
  ) {
    this.#startUs = order.startUs;
    this.#endUs = Math.max(lifeEndUs, order.startUs);
    const margin = Math.max(1, Math.round((this.#endUs - this.#startUs) * cut.margin));
    this.#chartFromUs = Math.max(Math.min(span.fromUs, this.#startUs), this.#startUs - margin);
    this.#chartToUs = Math.min(Math.max(span.toUs, this.#endUs), this.#endUs + margin);
    this.#chart = new MinMaxColumns(this.#chartFromUs, this.#chartToUs, cut.columns);
  }

  /** Before an event of the symbol at `timeUs` counts: `sums` are the trades before it. */
  before(timeUs: number, sums: TapeSums): void {
    if (this.#sumsAtStart === undefined && timeUs >= this.#startUs) this.#sumsAtStart = sums;
    if (this.#sumsAtEnd === undefined && timeUs > this.#endUs) this.#sumsAtEnd = sums;
  }

  /** A quote of the order's symbol, the `index`th event of the recording; `mid` its float mid. */
  quote(quote: QuoteTick, index: number, mid: number): void {
    const t = quote.recvUs;
    // Strictly before: within an instant replay runs instructions ahead of market data, so a
    // quote at the start instant is one the order never saw at its arrival.
    if (t < this.#startUs) this.#arrival = { quote, index };
    if (t <= this.#endUs) this.#end = { quote, index };
    if (t >= this.#chartFromUs && t <= this.#chartToUs) this.#chart.add(t, mid);
  }

  /** The figures once the recording has been read; `sums` are all its trades'. */
  market(sums: TapeSums): OrderMarket {
    const atStart = this.#sumsAtStart ?? sums;
    const atEnd = this.#sumsAtEnd ?? sums;
    return {
      arrivalMid: this.#arrival && exactMid(this.#arrival.quote, this.#arrival.index),
      endMid: this.#end && exactMid(this.#end.quote, this.#end.index),
      volume: atEnd.volume.minus(atStart.volume),
      notional: atEnd.notional.minus(atStart.notional),
      chart: this.#chart,
      chartFromUs: this.#chartFromUs,
      chartToUs: this.#chartToUs,
    };
  }
}
