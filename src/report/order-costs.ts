import { type Decimal, decimal, ZERO } from '../market/decimal.js';
import type { ReplayedOrder } from '../replay/replay-outcome.js';
import { bpsText, costBps, ratio, ratioText } from './figures.js';
import type { OrderMarket } from './order-window.js';
import type { OrderReport } from './replay-report.js';
import { ReportInputError } from './report-input-error.js';

/**
 * One order's transaction costs. With s = +1 for a buy and −1 for a sell, Q its quantity, fills
 * (pᵢ, qᵢ), F = Σqᵢ, R = Q − F, and the order's life [start, end] (end = the recording's end when
 * it was still open):
 *
 * - avgPx  P = Σpᵢqᵢ / F
 * - arrival mid M₀ = (bid + ask)/2 of the symbol's last quote received before start;
 *   end mid M₁ the same at or before end
 * - isBps (execution, filled part) = s·(P − M₀)/M₀ · 10⁴
 * - opportunityBps (remainder R, when R > 0) = s·(M₁ − M₀)/M₀ · 10⁴
 * - totalIsBps = (F·isBps + R·opportunityBps)/Q  — the shortfall of the whole order against a
 *   paper portfolio that bought Q at M₀, in bps of Q·M₀
 * - market VWAP V = Σpⱼqⱼ / Σqⱼ over recorded trades received in [start, end]; volume = Σqⱼ
 * - vwapSlippageBps = s·(P − V)/V · 10⁴
 * - participation = F / volume (the recorded tape, which our fills never change)
 * - timeToCompleteUs = end − start, when the order filled completely
 *
 * Positive is a cost for both sides. Sums and quotients are exact (big.js); bps are rounded half
 * away from zero to 2 places, ratios to 4, only when written.
 */
export function orderCosts(order: ReplayedOrder, market: OrderMarket): OrderReport {
  const quantity = readDecimal(order, 'quantity', order.quantity);
  let filled = ZERO;
  let paid = ZERO;
  order.fills.forEach((fill, i) => {
    if (i > 0 && fill.timeUs < order.fills[i - 1]!.timeUs) {
      throw new ReportInputError(
        'is before the fill before it',
        `order "${order.ref}"`,
        `fills[${i}].timeUs`,
      );
    }
    const qty = readDecimal(order, `fills[${i}].qty`, fill.qty);
    filled = filled.plus(qty);
    paid = paid.plus(qty.times(readDecimal(order, `fills[${i}].px`, fill.px)));
  });
  const remaining = quantity.minus(filled);
  const avgPx = ratio(paid, filled);
  const { arrivalMid, endMid } = market;
  const marketVwap = ratio(market.notional, market.volume);
  const is = avgPx && arrivalMid && costBps(order.side, avgPx, arrivalMid);
  const opportunity =
    remaining.gt(0) && arrivalMid && endMid ? costBps(order.side, endMid, arrivalMid) : undefined;
  const total =
    arrivalMid && quantity.gt(0) && (filled.eq(0) || is) && (remaining.lte(0) || opportunity)
      ? (is ?? ZERO)
          .times(filled)
          .plus((opportunity ?? ZERO).times(remaining))
          .div(quantity)
      : undefined;
  const endUs = order.endUs ?? null;
  return {
    ref: order.ref,
    orderId: order.orderId,
    symbol: order.symbol,
    side: order.side,
    algo: order.algo,
    params: order.params,
    status: order.status,
    limitPrice: order.limitPrice ?? null,
    quantity: quantity.toString(),
    filled: filled.toString(),
    remaining: remaining.toString(),
    fills: order.fills.length,
    children: order.children,
    avgPx: avgPx?.toString() ?? null,
    arrivalMid: arrivalMid?.toString() ?? null,
    endMid: endMid?.toString() ?? null,
    isBps: bpsText(is),
    opportunityBps: bpsText(opportunity),
    totalIsBps: bpsText(total),
    marketVwap: marketVwap?.toString() ?? null,
    marketVolume: market.volume.toString(),
    vwapSlippageBps: bpsText(avgPx && marketVwap && costBps(order.side, avgPx, marketVwap)),
    participation: ratioText(ratio(filled, market.volume)),
    startUs: order.startUs,
    endUs,
    timeToCompleteUs: endUs !== null && remaining.lte(0) ? endUs - order.startUs : null,
  };
}

function readDecimal(order: ReplayedOrder, field: string, text: string): Decimal {
  try {
    return decimal(text);
  } catch {
    throw new ReportInputError(
      `is not a decimal: ${JSON.stringify(text)}`,
      `order "${order.ref}"`,
      field,
    );
  }
}
