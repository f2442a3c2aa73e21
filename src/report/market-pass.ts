import type { ReplayOutcome } from '../replay/replay-outcome.js';
import type { TickEvent } from '../ticks/tick-event.js';
import { type ChartCut, type OrderMarket, OrderWindow } from './order-window.js';

/** The recording's events as replay reads them: batches, synchronous or not. */
export type TickBatches = Iterable<readonly TickEvent[]> | AsyncIterable<readonly TickEvent[]>;

/**
 * Reads the recording once, in order, and returns each order's market figures (in the outcome's
 * order). Only symbols that have orders keep state, so memory does not grow with the recording.
 * An order's life ends at its endUs, or at the recording's end (run.toUs) when it was still open.
 */
export async function marketPass(
  outcome: ReplayOutcome,
  ticks: TickBatches,
  cut: ChartCut,
): Promise<OrderMarket[]> {
  const span = { fromUs: outcome.run.fromUs, toUs: outcome.run.toUs };
  const windows = outcome.orders.map(
    (order) => new OrderWindow(order, order.endUs ?? span.toUs, span, cut),
  );
  const bySymbol = new Map<string, OrderWindow[]>();
  outcome.orders.forEach((order, i) => {
    const list = bySymbol.get(order.symbol) ?? [];
    list.push(windows[i]!);
    bySymbol.set(order.symbol, list);
  });
  let index = 0;
  for await (const batch of ticks) {
    for (const event of batch) {
      if (event.kind === 'quote') {
        const list = bySymbol.get(event.symbol);
        if (list !== undefined) for (const w of list) w.quote(event, index);
      } else if (event.kind === 'trade') {
        const list = bySymbol.get(event.symbol);
        if (list !== undefined) for (const w of list) w.trade(event, index);
      }
      index++;
    }
  }
  return windows.map((w) => w.market());
}
