import { VirtualClock } from '../../../src/core/clock.js';
import { ScriptedMarket } from '../../../src/feeds/sim/index.js';
import { decimal } from '../../../src/market/decimal.js';
import { Quote } from '../../../src/market/quote.js';
import type { Report } from '../../../src/market/report.js';
import { Trade } from '../../../src/market/trade.js';
import { PaperVenue, type PaperVenueOptions } from '../../../src/venues/paper/index.js';
import type { ChildOrderRequest } from '../../../src/venues/venue.js';

/** The symbol most tests trade: tick 0.01, lot 0.001. */
export const ETH = 'ETH-USD';

/** A paper venue on a scripted market and a virtual clock, with every report it delivered. */
export function harness(
  latencyMs = 2,
  options: Pick<PaperVenueOptions, 'venueSeqStart' | 'idPrefix'> = {},
) {
  const clock = new VirtualClock(1_000);
  const market = new ScriptedMarket();
  const venue = new PaperVenue({ market, clock, latencyMs, ...options });
  const reports: Report[] = [];
  venue.onReport((report) => reports.push(report));
  return {
    clock,
    market,
    venue,
    reports,
    /** Publishes a top of book such as `quote('3500.00', '2', '3500.05', '1.5')`. */
    quote(bidPx: string, bidQty: string, askPx: string, askQty: string, symbol = ETH): void {
      market.publishQuote(
        Quote.of({
          symbol,
          bidPx: decimal(bidPx),
          bidQty: decimal(bidQty),
          askPx: decimal(askPx),
          askQty: decimal(askQty),
          time: clock.now(),
        }),
      );
    },
    /** Publishes a print. */
    trade(px: string, qty: string, symbol = ETH): void {
      market.publishTrade(Trade.of(symbol, decimal(px), decimal(qty), clock.now()));
    },
    /** Lets every request reach the venue and every report come back. */
    settle(): void {
      clock.advance(2 * latencyMs);
    },
    /** The reports about one child, in the order delivered. */
    of(clOrdId: string): Report[] {
      return reports.filter((report) => report.clOrdId === clOrdId);
    },
  };
}

let children = 0;

/** A child request: a GTC buy of 1 at 3500.05 on ETH-USD unless told otherwise. */
export function child(
  fields: Partial<Omit<ChildOrderRequest, 'quantity' | 'limitPrice'>> & {
    quantity?: string;
    limitPrice?: string | null;
  } = {},
): ChildOrderRequest {
  const { quantity = '1', limitPrice = '3500.05', ...rest } = fields;
  const parentId = rest.parentId ?? 'P1';
  return {
    clOrdId: `${parentId}-${++children}`,
    parentId,
    symbol: ETH,
    side: 'buy',
    timeInForce: 'gtc',
    ...rest,
    quantity: decimal(quantity),
    ...(limitPrice === null ? {} : { limitPrice: decimal(limitPrice) }),
  };
}

/** A report's gist for comparing sequences: exec type, status, and the figures as text. */
export function gist(report: Report): string {
  const parts: string[] = [report.execType ?? '', report.status];
  if (report.lastQty !== undefined)
    parts.push(`${report.lastQty.toFixed()}@${report.lastPx!.toFixed()}`);
  parts.push(`cum=${report.cumQty?.toFixed()}`, `leaves=${report.leavesQty?.toFixed()}`);
  if (report.avgPx !== undefined) parts.push(`avg=${report.avgPx.toFixed()}`);
  return parts.join(' ');
}
