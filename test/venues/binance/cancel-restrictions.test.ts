import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { BinanceChild } from '../../../src/venues/binance/binance-child.js';
import { cancelReplaceParams } from '../../../src/venues/binance/order-params.js';

const child = () =>
  new BinanceChild({
    clOrdId: 'p1-1',
    parentId: 'p1',
    symbol: 'BTCUSDT',
    side: 'buy',
    timeInForce: 'gtc',
    quantity: decimal('0.002'),
    limitPrice: decimal('64985.83'),
    sentAt: 0,
  });

// A kill -9 trial against the local Binance overfilled a child: a cancelReplace went out while a
// fill on the working order was on its way, and Binance's new order (for the whole 0.002) knew
// nothing of it. The cancel half is now restricted to the status exo knows.
describe('cancelReplace params: the cancel only of an order as exo knows it', () => {
  it('ONLY_NEW while exo knows of no fill on the working order', () => {
    const params = cancelReplaceParams(child(), 'p1-2', decimal('0.002'), decimal('64988.6'));
    expect(params).toMatchObject({ cancelRestrictions: 'ONLY_NEW', quantity: '0.002' });
  });

  it('ONLY_PARTIALLY_FILLED once it knows of one; ONLY_NEW again on a new order after a replace', () => {
    const partly = child();
    partly.cumQty = decimal('0.0016');
    const params = cancelReplaceParams(partly, 'p1-2', decimal('0.0004'), decimal('64988.6'));
    expect(params).toMatchObject({
      cancelRestrictions: 'ONLY_PARTIALLY_FILLED',
      quantity: '0.0004',
    });
    // The fill was on an earlier Binance order of the chain: the working one is unfilled.
    partly.baseQty = decimal('0.0016');
    expect(cancelReplaceParams(partly, 'p1-3', decimal('0.0004'), undefined)).toMatchObject({
      cancelRestrictions: 'ONLY_NEW',
    });
  });
});
