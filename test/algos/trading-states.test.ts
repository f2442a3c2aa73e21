import { describe, expect, it } from 'vitest';
import { tradingRefusalText } from '../../src/market/trading-state.js';
import { harness } from './harness.js';

/** Each reference algorithm, with params under which it sends a child on the next quote. */
const ALGOS = [
  { algo: 'take', params: {} },
  { algo: 'peg', params: {} },
  { algo: 'twap', params: { durationMs: 60_000, slices: 4 } },
] as const;

describe.each(ALGOS)('$algo under trading states', ({ algo, params }) => {
  it('sends nothing while halted and keeps the order working; after resume it sends again', async () => {
    const h = harness();
    await h.tradingState('halted');
    const order = await h.place({ quantity: '10', algo, params });
    await h.quote('99', '5', '100', '5');
    await h.advance(30_000);
    await h.quote('99.5', '5', '100.5', '5');
    expect(h.venue.submitted).toEqual([]);
    expect(h.isComplete(order)).toBe(false);
    await h.tradingState('active');
    await h.quote('99.5', '5', '100.5', '5');
    expect(h.venue.submitted).toHaveLength(1);
    expect(h.engineErrors).toEqual([]);
  });

  it('a child refused `risk: halted` does not end the order: it holds until the state changes, then sends again', async () => {
    const h = harness();
    const order = await h.place({ quantity: '10', algo, params });
    await h.quote('99', '5', '100', '5');
    const [first] = h.venue.submitted;
    expect(first).toBeDefined();
    h.venue.rejected(first!.clOrdId, tradingRefusalText('halted', 'BTC-USD is halted (global)'));
    await h.tradingState('halted');
    await h.quote('99.5', '5', '100.5', '5');
    expect(h.venue.submitted).toHaveLength(1);
    expect(h.isComplete(order)).toBe(false);
    await h.tradingState('active');
    await h.advance(15_000);
    await h.quote('99.5', '5', '100.5', '5');
    expect(h.venue.submitted).toHaveLength(2);
  });

  it('a child refused `risk: reducing` holds the order while the state lasts, not longer', async () => {
    const h = harness();
    await h.tradingState('reducing');
    const order = await h.place({ quantity: '10', algo, params });
    await h.quote('99', '5', '100', '5');
    const [first] = h.venue.submitted;
    h.venue.rejected(first!.clOrdId, tradingRefusalText('reducing', 'a buy does not reduce'));
    await h.advance(15_000);
    await h.quote('99.5', '5', '100.5', '5');
    expect(h.venue.submitted).toHaveLength(1);
    expect(h.isComplete(order)).toBe(false);
    await h.tradingState('active');
    await h.quote('99.5', '5', '100.5', '5');
    expect(h.venue.submitted).toHaveLength(2);
  });

  it('a cancel while halted still winds the order down', async () => {
    const h = harness();
    await h.tradingState('halted');
    const order = await h.place({ quantity: '10', algo, params });
    await h.quote('99', '5', '100', '5');
    await h.cancel(order);
    expect(h.isComplete(order)).toBe(true);
    expect(h.latest().status).toBe('canceled');
  });
});
