import type { ReplayedOrder } from '../replay/replay-outcome.js';
import type { OrderMarket } from './order-window.js';

/**
 * One order's two charts, as uPlot's aligned columns (x in seconds since the epoch, UTC): the
 * decimated mid with every fill marked at its price, and the cumulative filled quantity against
 * the schedule. Floats, for drawing only; the report's figures stay exact.
 */
export interface OrderChart {
  readonly ref: string;
  readonly symbol: string;
  readonly side: 'buy' | 'sell';
  /** x, mid (null at a fill's own x), fill price (null elsewhere). */
  readonly price: readonly [number[], (number | null)[], (number | null)[]];
  /** x, cumulative filled, scheduled quantity. */
  readonly progress: readonly [number[], number[], number[]];
}

const seconds = (us: number) => us / 1e6;

/**
 * The chart of an order: the decimated mid merged in time with all its fills (never dropped), and
 * its progress. The schedule is linear from start to the quantity over params.durationMs for a
 * twap, and the whole quantity at start for any other algorithm (or a twap without a duration).
 */
export function orderChart(
  order: ReplayedOrder,
  market: OrderMarket,
  lifeEndUs: number,
): OrderChart {
  const mid = market.chart.points();
  const x: number[] = [];
  const mids: (number | null)[] = [];
  const fills: (number | null)[] = [];
  let m = 0;
  for (const fill of order.fills) {
    while (m < mid.timesUs.length && mid.timesUs[m]! <= fill.timeUs) {
      x.push(seconds(mid.timesUs[m]!));
      mids.push(mid.values[m++]!);
      fills.push(null);
    }
    x.push(seconds(fill.timeUs));
    mids.push(null);
    fills.push(Number(fill.px));
  }
  for (; m < mid.timesUs.length; m++) {
    x.push(seconds(mid.timesUs[m]!));
    mids.push(mid.values[m]!);
    fills.push(null);
  }
  return {
    ref: order.ref,
    symbol: order.symbol,
    side: order.side,
    price: [x, mids, fills],
    progress: progress(order, lifeEndUs),
  };
}

function progress(order: ReplayedOrder, lifeEndUs: number): OrderChart['progress'] {
  const quantity = Number(order.quantity);
  const duration = order.algo === 'twap' ? order.params.durationMs : undefined;
  const scheduleEndUs =
    typeof duration === 'number' && duration > 0 ? order.startUs + duration * 1000 : order.startUs;
  const scheduled = (us: number) =>
    scheduleEndUs === order.startUs
      ? quantity
      : quantity * Math.min(1, Math.max(0, (us - order.startUs) / (scheduleEndUs - order.startUs)));
  const times = [order.startUs, scheduleEndUs, lifeEndUs, ...order.fills.map((f) => f.timeUs)];
  const points = [...new Set(times)].sort((a, b) => a - b);
  const x: number[] = [];
  const filled: number[] = [];
  const schedule: number[] = [];
  let cum = 0;
  let f = 0;
  for (const t of points) {
    while (f < order.fills.length && order.fills[f]!.timeUs <= t)
      cum += Number(order.fills[f++]!.qty);
    x.push(seconds(t));
    filled.push(cum);
    schedule.push(scheduled(t));
  }
  return [x, filled, schedule];
}
