import type { ReplayOutcome } from '../replay/replay-outcome.js';
import type { TickEvent } from '../ticks/tick-event.js';
import { type ChartCut, type OrderMarket, OrderWindow } from './order-window.js';
import { addTrade, chartMid, NO_TRADES, type TapeSums } from './tape-sums.js';

/** The recording's events as replay reads them: batches, synchronous or not. */
export type TickBatches = Iterable<readonly TickEvent[]> | AsyncIterable<readonly TickEvent[]>;

/** A traded symbol's state: its running trade sums and its orders' windows. */
interface SymbolTape {
  sums: TapeSums;
  readonly windows: OrderWindow[];
}

/**
 * Reads the recording once, in order, and returns each order's market figures (in the outcome's
 * order). Only symbols that have orders keep state, so memory does not grow with the recording;
 * each of their trades is parsed once, each quote's float mid computed once. An order's life
 * ends at its endUs, or at the recording's end (run.toUs) when it was still open.
 */
export async function marketPass(
  outcome: ReplayOutcome,
  ticks: TickBatches,
  cut: ChartCut,
): Promise<OrderMarket[]> {
  const span = { fromUs: outcome.run.fromUs, toUs: outcome.run.toUs };
  const tapes = new Map<string, SymbolTape>();
  const windows = outcome.orders.map((order) => {
    const window = new OrderWindow(order, order.endUs ?? span.toUs, span, cut);
    const tape = tapes.get(order.symbol) ?? { sums: NO_TRADES, windows: [] };
    tape.windows.push(window);
    tapes.set(order.symbol, tape);
    return window;
  });
  let index = 0;
  for await (const batch of ticks) {
    for (const event of batch) {
      const tape =
        event.kind === 'quote' || event.kind === 'trade' ? tapes.get(event.symbol) : undefined;
      if (tape !== undefined) {
        for (const w of tape.windows) w.before(event.recvUs, tape.sums);
        if (event.kind === 'trade') {
          tape.sums = addTrade(tape.sums, event, index);
        } else if (event.kind === 'quote') {
          const mid = chartMid(event, index);
          for (const w of tape.windows) w.quote(event, index, mid);
        }
      }
      index++;
    }
  }
  return outcome.orders.map((order, i) => windows[i]!.market(tapes.get(order.symbol)!.sums));
}
