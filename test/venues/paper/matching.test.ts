import { describe, expect, it } from 'vitest';
import { child, ETH, gist, harness } from './harness.js';

describe('paper venue matching', () => {
  it('fills a marketable limit order whole at the touch, and says everything about it', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '5');
    const order = child({ quantity: '1.5', limitPrice: '3500.10' });
    h.venue.submit(order);
    h.settle();
    expect(h.of(order.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1.5',
      'trade filled 1.5@3500.05 cum=1.5 leaves=0 avg=3500.05',
    ]);
    for (const report of h.reports) {
      expect(report.orderId).toBe('P1');
      expect(report.venueOrderId).toMatch(/^paper-o\d+$/);
      expect(report.execId).toMatch(/^paper-x\d+$/);
      expect(report.transactTime).toBe(1_002);
    }
    expect(h.venue.ledger().fills).toMatchObject([
      { clOrdId: order.clOrdId, parentId: 'P1', symbol: ETH, side: 'buy', liquidity: 'taker' },
    ]);
  });

  it('sells into the bid, and a market order takes the touch at any price', () => {
    const h = harness();
    h.quote('3499.90', '3', '3500.05', '5');
    const sell = child({ side: 'sell', quantity: '2', limitPrice: '3499.00' });
    const market = child({ side: 'buy', quantity: '1', limitPrice: null });
    h.venue.submit(sell);
    h.venue.submit(market);
    h.settle();
    expect(h.of(sell.clOrdId).map(gist)).toContain(
      'trade filled 2@3499.9 cum=2 leaves=0 avg=3499.9',
    );
    expect(h.of(market.clOrdId).map(gist)).toContain(
      'trade filled 1@3500.05 cum=1 leaves=0 avg=3500.05',
    );
  });

  it('fills partially against a short far side and rests the remainder, which later quotes and prints fill', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '0.3');
    const order = child({ quantity: '1', limitPrice: '3500.05' });
    h.venue.submit(order);
    h.settle();
    expect(h.of(order.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'trade partially_filled 0.3@3500.05 cum=0.3 leaves=0.7 avg=3500.05',
    ]);
    expect(h.market.watchers(ETH)).toBe(1);

    h.quote('3500.00', '2', '3500.05', '0.5');
    h.trade('3500.04', '0.1');
    h.trade('3500.06', '5');
    h.settle();
    expect(h.of(order.clOrdId).slice(2).map(gist)).toEqual([
      'trade partially_filled 0.5@3500.05 cum=0.8 leaves=0.2 avg=3500.05',
      'trade partially_filled 0.1@3500.05 cum=0.9 leaves=0.1 avg=3500.05',
    ]);
    // The 3500.06 print is above a buyer's limit: it fills nothing, so 0.1 is left working.
    expect(h.venue.ledger().orders[0]).toMatchObject({ status: 'partially_filled' });
    h.trade('3500.05', '5');
    h.settle();
    expect(gist(h.of(order.clOrdId).at(-1)!)).toBe(
      'trade filled 0.1@3500.05 cum=1 leaves=0 avg=3500.05',
    );
    expect(h.market.watchers(ETH)).toBe(0);
  });

  it('does not let two orders take the same size from one quote', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '1');
    const first = child({ quantity: '0.8', timeInForce: 'ioc' });
    const second = child({ quantity: '0.8', timeInForce: 'ioc' });
    h.venue.submit(first);
    h.venue.submit(second);
    h.settle();
    expect(h.of(first.clOrdId).map(gist)[1]).toBe(
      'trade filled 0.8@3500.05 cum=0.8 leaves=0 avg=3500.05',
    );
    expect(h.of(second.clOrdId).map(gist).slice(1)).toEqual([
      'trade partially_filled 0.2@3500.05 cum=0.2 leaves=0.6 avg=3500.05',
      'canceled canceled cum=0.2 leaves=0 avg=3500.05',
    ]);
  });

  it('rests a passive order and fills it when a print reaches or passes its price, up to the print size', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '1');
    const bid = child({ quantity: '2', limitPrice: '3499.50' });
    const offer = child({ side: 'sell', quantity: '1', limitPrice: '3500.50' });
    h.venue.submit(bid);
    h.venue.submit(offer);
    h.settle();
    expect(h.of(bid.clOrdId).map(gist)).toEqual(['new new cum=0 leaves=2']);

    h.trade('3499.60', '10'); // above the bid's limit, below the offer's: nothing fills
    h.trade('3499.50', '0.5'); // at the bid's price
    h.trade('3499.00', '0.7'); // through it
    h.trade('3500.70', '4'); // through the offer
    h.settle();
    expect(h.of(bid.clOrdId).slice(1).map(gist)).toEqual([
      'trade partially_filled 0.5@3499.5 cum=0.5 leaves=1.5 avg=3499.5',
      'trade partially_filled 0.7@3499.5 cum=1.2 leaves=0.8 avg=3499.5',
    ]);
    expect(h.of(offer.clOrdId).slice(1).map(gist)).toEqual([
      'trade filled 1@3500.5 cum=1 leaves=0 avg=3500.5',
    ]);
    expect(h.venue.ledger().fills.map((f) => f.liquidity)).toEqual(['maker', 'maker', 'maker']);
  });

  it('shares a print among resting orders best price first, then by time', () => {
    const h = harness();
    const early = child({ quantity: '1', limitPrice: '3499.00' });
    const better = child({ quantity: '1', limitPrice: '3499.50' });
    const late = child({ quantity: '1', limitPrice: '3499.00' });
    for (const order of [early, better, late]) h.venue.submit(order);
    h.settle();
    h.trade('3498.00', '1.5');
    h.settle();
    const fills = h.venue
      .ledger()
      .fills.map((f) => `${f.clOrdId} ${f.qty.toFixed()}@${f.px.toFixed()}`);
    expect(fills).toEqual([`${better.clOrdId} 1@3499.5`, `${early.clOrdId} 0.5@3499`]);
  });

  it('fills a resting order at its limit when the far side moves through it', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '1');
    const order = child({ quantity: '1', limitPrice: '3500.00' });
    h.venue.submit(order);
    h.settle();
    h.quote('3499.90', '2', '3499.95', '0.4');
    h.settle();
    expect(h.of(order.clOrdId).map(gist).at(-1)).toBe(
      'trade partially_filled 0.4@3500 cum=0.4 leaves=0.6 avg=3500',
    );
  });

  it('cancels what an IOC order cannot take, with a reason', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '0.25');
    const partial = child({ quantity: '1', timeInForce: 'ioc' });
    const unmarketable = child({ quantity: '1', limitPrice: '3500.00', timeInForce: 'ioc' });
    h.venue.submit(partial);
    h.venue.submit(unmarketable);
    h.settle();
    expect(h.of(partial.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'trade partially_filled 0.25@3500.05 cum=0.25 leaves=0.75 avg=3500.05',
      'canceled canceled cum=0.25 leaves=0 avg=3500.05',
    ]);
    expect(h.of(partial.clOrdId).at(-1)!.text).toMatch(/immediate or cancel: 0.75 not available/);
    expect(h.of(unmarketable.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'canceled canceled cum=0 leaves=0',
    ]);
    expect(h.market.watchers(ETH)).toBe(0);
  });

  it('cancels a market order remainder, and a market order with no quote at all', () => {
    const h = harness();
    const blind = child({ limitPrice: null });
    h.venue.submit(blind);
    h.settle();
    expect(h.of(blind.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1',
      'canceled canceled cum=0 leaves=0',
    ]);
    h.quote('3500.00', '2', '3500.05', '0.5');
    const market = child({ limitPrice: null });
    h.venue.submit(market);
    h.settle();
    expect(h.of(market.clOrdId).map(gist).slice(1)).toEqual([
      'trade partially_filled 0.5@3500.05 cum=0.5 leaves=0.5 avg=3500.05',
      'canceled canceled cum=0.5 leaves=0 avg=3500.05',
    ]);
    expect(h.of(market.clOrdId).at(-1)!.text).toMatch(/market order/);
  });

  it('fills a FOK order whole or cancels it without any fill', () => {
    const h = harness();
    h.quote('3500.00', '2', '3500.05', '1');
    const tooBig = child({ quantity: '1.5', timeInForce: 'fok' });
    const tooLow = child({ quantity: '0.5', limitPrice: '3500.00', timeInForce: 'fok' });
    const fits = child({ quantity: '1', timeInForce: 'fok' });
    h.venue.submit(tooBig);
    h.venue.submit(tooLow);
    h.venue.submit(fits);
    h.settle();
    expect(h.of(tooBig.clOrdId).map(gist)).toEqual([
      'new new cum=0 leaves=1.5',
      'canceled canceled cum=0 leaves=0',
    ]);
    expect(h.of(tooBig.clOrdId)[1]!.text).toBe('fill or kill: only 1 available within the limit');
    expect(h.of(tooLow.clOrdId)[1]!.text).toBe('fill or kill: only 0 available within the limit');
    expect(h.of(fits.clOrdId).map(gist)[1]).toBe(
      'trade filled 1@3500.05 cum=1 leaves=0 avg=3500.05',
    );
    expect(h.venue.ledger().fills.map((f) => f.clOrdId)).toEqual([fits.clOrdId]);
  });
});
