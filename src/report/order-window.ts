import { type Decimal, decimal, ZERO } from '../market/decimal.js';
import type { ReplayedOrder } from '../replay/replay-outcome.js';
import type { QuoteTick, TradeTick } from '../ticks/tick-event.js';
import { MinMaxColumns } from './min-max-columns.js';
import { ReportInputError } from './report-input-error.js';

/** What one order's life on the tape came to: its benchmarks and the decimated mid for its chart. */
export interface OrderMarket {
  readonly arrivalMid: Decimal | undefined;
  readonly endMid: Decimal | undefined;
  /** Recorded volume and Σ px·qty of the trades in [startUs, lifeEndUs]. */
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

/**
 * One order's view of its symbol's tape as the recording streams past: it keeps the last quote at
 * or before the order's start (arrival) and before its end, sums the trades in its life, and
 * decimates the mid over its chart's span. Decimals are parsed only for what it keeps.
 */
export class OrderWindow {
  readonly #startUs: number;
  readonly #endUs: number;
  readonly #chart: MinMaxColumns;
  readonly #chartFromUs: number;
  readonly #chartToUs: number;
  #arrival: { readonly quote: QuoteTick; readonly index: number } | undefined;
  #end: { readonly quote: QuoteTick; readonly index: number } | undefined;
  #volume: Decimal = ZERO;
  #notional: Decimal = ZERO;

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

  /** A quote of the order's symbol, the `index`th event of the recording. */
  quote(quote: QuoteTick, index: number): void {
    const t = quote.recvUs;
    if (t <= this.#startUs) this.#arrival = { quote, index };
    if (t <= this.#endUs) this.#end = { quote, index };
    if (t >= this.#chartFromUs && t <= this.#chartToUs) {
      this.#chart.add(
        t,
        (chartNumber(quote, 'bidPx', index) + chartNumber(quote, 'askPx', index)) / 2,
      );
    }
  }

  /** A trade of the order's symbol, the `index`th event of the recording. */
  trade(trade: TradeTick, index: number): void {
    if (trade.recvUs < this.#startUs || trade.recvUs > this.#endUs) return;
    const qty = parsed(trade, 'qty', index);
    this.#volume = this.#volume.plus(qty);
    this.#notional = this.#notional.plus(qty.times(parsed(trade, 'px', index)));
  }

  /** The figures once the recording has been read. */
  market(): OrderMarket {
    return {
      arrivalMid: midOf(this.#arrival),
      endMid: midOf(this.#end),
      volume: this.#volume,
      notional: this.#notional,
      chart: this.#chart,
      chartFromUs: this.#chartFromUs,
      chartToUs: this.#chartToUs,
    };
  }
}

const TWO = decimal('2');

function midOf(kept: { readonly quote: QuoteTick; readonly index: number } | undefined) {
  if (kept === undefined) return undefined;
  return parsed(kept.quote, 'bidPx', kept.index)
    .plus(parsed(kept.quote, 'askPx', kept.index))
    .div(TWO);
}

/** A decimal field of an event, or a ReportInputError naming the event and the field. */
function parsed<T extends QuoteTick | TradeTick>(event: T, field: keyof T & string, index: number) {
  const text = event[field] as string;
  try {
    return decimal(text);
  } catch {
    throw new ReportInputError(
      `is not a decimal: ${JSON.stringify(text)}`,
      `event ${index}`,
      field,
    );
  }
}

/** A price as a float, for drawing only; a ReportInputError when it is no number. */
function chartNumber(quote: QuoteTick, field: 'bidPx' | 'askPx', index: number): number {
  const value = Number(quote[field]);
  if (!Number.isFinite(value) || quote[field].trim() === '') {
    throw new ReportInputError(
      `is not a decimal: ${JSON.stringify(quote[field])}`,
      `event ${index}`,
      field,
    );
  }
  return value;
}
