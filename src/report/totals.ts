import { type Decimal, decimal, ZERO } from '../market/decimal.js';
import { bpsText, optionalDecimal, ratio, ratioText } from './figures.js';
import type { OrderReport, ReportTotals } from './replay-report.js';

const TEN_THOUSAND = decimal('10000');

/**
 * Figures over a set of orders, each bps weighted by its notional at the benchmark, which makes
 * each a ratio of money to money (s = +1 buy, −1 sell; orders without the benchmark left out):
 *
 * - isBps = Σ s·F·(P − M₀) / Σ F·M₀ · 10⁴
 * - totalIsBps = Σ s·(F·(P − M₀) + R·(M₁ − M₀)) / Σ Q·M₀ · 10⁴
 * - vwapSlippageBps = Σ s·F·(P − V) / Σ F·V · 10⁴
 * - completion = ΣF / ΣQ
 *
 * Read from the orders' own figures (as written in out.json), so a run's totals and a comparison's
 * per-algorithm totals are computed the same way.
 */
export function totalsOf(orders: readonly OrderReport[]): ReportTotals {
  const is = new WeightedCost();
  const total = new WeightedCost();
  const slip = new WeightedCost();
  let quantity = ZERO;
  let filled = ZERO;
  for (const order of orders) {
    const s = order.side === 'buy' ? 1 : -1;
    const q = decimal(order.quantity);
    const f = decimal(order.filled);
    const r = decimal(order.remaining);
    quantity = quantity.plus(q);
    filled = filled.plus(f);
    const p = optionalDecimal(order.avgPx);
    const m0 = optionalDecimal(order.arrivalMid);
    const m1 = optionalDecimal(order.endMid);
    const v = optionalDecimal(order.marketVwap);
    if (p && m0) is.add(s, f.times(p.minus(m0)), f.times(m0));
    if (p && v) slip.add(s, f.times(p.minus(v)), f.times(v));
    if (m0 && order.totalIsBps !== null) {
      const filledCost = p ? f.times(p.minus(m0)) : ZERO;
      const restCost = r.gt(0) && m1 ? r.times(m1.minus(m0)) : ZERO;
      total.add(s, filledCost.plus(restCost), q.times(m0));
    }
  }
  return {
    orders: orders.length,
    quantity: quantity.toString(),
    filled: filled.toString(),
    completion: ratioText(ratio(filled, quantity)),
    isBps: is.bps(),
    totalIsBps: total.bps(),
    vwapSlippageBps: slip.bps(),
  };
}

/** Σ signed cost over Σ notional, in bps. */
class WeightedCost {
  #cost: Decimal = ZERO;
  #notional: Decimal = ZERO;

  add(sign: number, cost: Decimal, notional: Decimal): void {
    this.#cost = sign > 0 ? this.#cost.plus(cost) : this.#cost.minus(cost);
    this.#notional = this.#notional.plus(notional);
  }

  bps(): string | null {
    return bpsText(ratio(this.#cost.times(TEN_THOUSAND), this.#notional));
  }
}
