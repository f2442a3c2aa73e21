import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ZERO } from '../../src/market/decimal.js';
import type { ReplayedOrder } from '../../src/replay/replay-outcome.js';
import { MinMaxColumns } from '../../src/report/min-max-columns.js';
import { orderChart } from '../../src/report/order-chart.js';

/** A span, a column count, and points in time order inside the span. */
const series = fc
  .record({
    fromUs: fc.integer({ min: 0, max: 1e12 }),
    spanUs: fc.integer({ min: 0, max: 1e7 }),
    columns: fc.integer({ min: 1, max: 50 }),
    points: fc.array(
      fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -5, max: 5 })),
      { maxLength: 400 },
    ),
  })
  .map(({ fromUs, spanUs, columns, points }) => ({
    fromUs,
    toUs: fromUs + spanUs,
    columns,
    points: points
      .map(([at, value]) => ({ t: fromUs + Math.floor(at * spanUs), v: value }))
      .sort((a, b) => a.t - b.t),
  }));

type Series = typeof series extends fc.Arbitrary<infer T> ? T : never;

function decimated(s: Series) {
  const columns = new MinMaxColumns(s.fromUs, s.toUs, s.columns);
  for (const p of s.points) columns.add(p.t, p.v);
  return { columns, kept: columns.points() };
}

describe('min/max decimation', () => {
  it('keeps at most two points per column, in time order, each one of the input', () => {
    fc.assert(
      fc.property(series, (s) => {
        const { kept } = decimated(s);
        expect(kept.timesUs.length).toBeLessThanOrEqual(2 * s.columns);
        expect(kept.timesUs).toEqual([...kept.timesUs].sort((a, b) => a - b));
        kept.timesUs.forEach((t, i) => {
          expect(s.points.some((p) => p.t === t && p.v === kept.values[i])).toBe(true);
        });
      }),
    );
  });

  it("keeps each column's min and max", () => {
    fc.assert(
      fc.property(series, (s) => {
        const { columns, kept } = decimated(s);
        const keptIn = (c: number) =>
          kept.values.filter((_, i) => columns.columnOf(kept.timesUs[i]!) === c);
        for (let c = 0; c < s.columns; c++) {
          const values = s.points.filter((p) => columns.columnOf(p.t) === c).map((p) => p.v);
          if (values.length === 0) continue;
          expect(keptIn(c)).toContain(Math.min(...values));
          expect(keptIn(c)).toContain(Math.max(...values));
        }
      }),
    );
  });

  it('never drops a fill: the price chart has every fill at its time and price', () => {
    const withFills = series.chain((s) =>
      fc.record({
        s: fc.constant(s),
        fills: fc
          .array(
            fc.tuple(fc.integer({ min: s.fromUs, max: s.toUs }), fc.integer({ min: 1, max: 999 })),
            { maxLength: 60 },
          )
          .map((fills) => fills.sort((a, b) => a[0] - b[0])),
      }),
    );
    fc.assert(
      fc.property(withFills, ({ s, fills }) => {
        const { columns } = decimated(s);
        const order: ReplayedOrder = {
          ref: 'o',
          orderId: 'exo-o',
          symbol: 'X',
          side: 'buy',
          quantity: '1000000',
          algo: 'take',
          params: {},
          startUs: s.fromUs,
          status: 'new',
          children: 1,
          fills: fills.map(([timeUs, px], n) => ({
            timeUs,
            px: String(px),
            qty: '1',
            clOrdId: 'c',
            execId: `e${n}`,
            liquidity: 'maker',
          })),
        };
        const market = { arrivalMid: undefined, endMid: undefined, volume: ZERO, notional: ZERO };
        const chart = orderChart(
          order,
          { ...market, chart: columns, chartFromUs: s.fromUs, chartToUs: s.toUs },
          s.toUs,
        );
        const [x, mids, prices] = chart.price;
        const marked = x.flatMap((t, i) => (prices[i] === null ? [] : [[t * 1e6, prices[i]]]));
        expect(marked.map(([t, px]) => [Math.round(t!), px])).toEqual(fills);
        expect(mids.filter((m) => m !== null)).toHaveLength(columns.points().values.length);
        expect(x).toEqual([...x].sort((a, b) => a - b));
      }),
    );
  });
});
