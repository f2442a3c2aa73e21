import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import { BinanceChild } from '../../../src/venues/binance/binance-child.js';
import {
  cancelReplaceParams,
  replacementParams,
} from '../../../src/venues/binance/order-params.js';

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
// nothing of it. The cancel half is restricted to an unfilled order; a partly filled one is
// cancelled and then replaced (partly-filled-replace.test.ts).
describe('cancelReplace params: the cancel only of an order as exo knows it', () => {
  it('ONLY_NEW, for what is left, under the new client ID, the cancelled order keeping its name', () => {
    const params = cancelReplaceParams(child(), 'p1-2', decimal('0.002'), decimal('64988.6'));
    expect(params).toMatchObject({
      cancelRestrictions: 'ONLY_NEW',
      cancelReplaceMode: 'STOP_ON_FAILURE',
      quantity: '0.002',
      price: '64988.6',
      newClientOrderId: 'p1-2',
      cancelOrigClientOrderId: 'p1-1',
      cancelNewClientOrderId: 'p1-1',
    });
  });

  it('a replacement order for what is left, the same side and time in force', () => {
    const params = replacementParams(child(), 'p1-2', decimal('0.0004'), decimal('64988.6'));
    expect(params).toEqual({
      symbol: 'BTCUSDT',
      side: 'BUY',
      type: 'LIMIT',
      timeInForce: 'GTC',
      price: '64988.6',
      quantity: '0.0004',
      newClientOrderId: 'p1-2',
      newOrderRespType: 'ACK',
    });
  });
});
