import { describe, expect, it } from 'vitest';
import type { Quote } from '../../../src/market/quote.js';
import type { Trade } from '../../../src/market/trade.js';
import { loggedOn } from './fix-harness.js';

describe('FixVenue market data: V out, W quotes and X trades in, again after every logon', () => {
  it('subscribing sends a V for the symbol; W becomes quotes, X trades; Y is a problem; a reconnect asks again', async () => {
    const h = await loggedOn();
    const quotes: Quote[] = [];
    const trades: Trade[] = [];
    h.venue.marketData.subscribe('BTC-USD', {
      quote: (q) => quotes.push(q),
      trade: (t) => trades.push(t),
    });
    await h.pump();
    const v = h.last('V');
    expect([v.get(263), v.get(264), v.get(267), v.all(269), v.get(146), v.all(55)]).toEqual([
      '1',
      '1',
      '3',
      ['0', '1', '2'],
      '1',
      ['BTC-USD'],
    ]);
    const md = v.get(262)!;
    await h.send('W', [
      [262, md],
      [55, 'BTC-USD'],
      [268, '2'],
      [269, '0'],
      [270, '99.5'],
      [271, '3.25'],
      [269, '1'],
      [270, '100.5'],
      [271, '0.75'],
    ]);
    await h.send('W', [
      [262, md],
      [55, 'ETH-USD'],
      [268, '1'],
      [269, '0'],
      [270, '1'],
      [271, '1'],
    ]);
    await h.send('X', [
      [262, md],
      [268, '1'],
      [279, '0'],
      [269, '2'],
      [55, 'BTC-USD'],
      [270, '100.10'],
      [271, '0.001'],
    ]);
    expect(
      quotes.map((q) => [q.symbol, `${q.bidPx}`, `${q.bidQty}`, `${q.askPx}`, `${q.askQty}`]),
    ).toEqual([['BTC-USD', '99.5', '3.25', '100.5', '0.75']]);
    expect(trades.map((t) => [t.symbol, t.lastPx.toFixed(2), `${t.lastQty}`])).toEqual([
      ['BTC-USD', '100.10', '0.001'],
    ]);
    await h.send('Y', { 262: md, 281: '0', 58: 'Unknown symbol' });
    expect(h.problems).toEqual([expect.stringContaining('Unknown symbol')]);
    await h.drop();
    await h.advance(200);
    expect(h.got('V')).toHaveLength(2);
    expect(h.last('V').all(55)).toEqual(['BTC-USD']);
  });
});
