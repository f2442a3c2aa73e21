import { describe, expect, it } from 'vitest';
import { FixMessage } from '../../../src/fix/message.js';
import { decimal } from '../../../src/market/decimal.js';
import { Quote } from '../../../src/market/quote.js';
import { Trade } from '../../../src/market/trade.js';
import { MarketDataDesk } from '../../../src/venues/fix-venue/market-data.js';

const quote = (bid: string, ask: string, symbol = 'BTC-USD'): Quote =>
  Quote.of({
    symbol,
    bidPx: decimal(bid),
    bidQty: decimal('1'),
    askPx: decimal(ask),
    askQty: decimal('2'),
  });
const print = (px: string, symbol = 'BTC-USD'): Trade =>
  Trade.of(symbol, decimal(px), decimal('0.5'));

describe('FIX venue market data on a backed-up connection', () => {
  it('holds back all but the latest quote and print per symbol, and sends them once it drains', () => {
    const sent: string[] = [];
    let backedUp = false;
    const desk = new MarketDataDesk(
      (owner, msgType, body) => {
        const px = body.filter(([tag]) => tag === 270).map(([, v]) => v);
        const symbol = body.find(([tag]) => tag === 55)?.[1];
        sent.push(`${owner} ${msgType} ${symbol} ${px.join('/')}`);
      },
      () => true,
      () => quote('99', '101'),
      () => backedUp,
    );
    const v = new FixMessage([
      [35, 'V'],
      [34, '2'],
      ...([
        [262, 'M1'],
        [263, '1'],
        [264, '1'],
        [267, '3'],
        [269, '0'],
        [269, '1'],
        [269, '2'],
        [146, '2'],
        [55, 'BTC-USD'],
        [55, 'ETH-USD'],
      ] as const),
    ]);
    desk.request('EXO', v);
    expect(sent.splice(0)).toEqual(['EXO W BTC-USD 99/101', 'EXO W ETH-USD 99/101']);
    desk.quote(quote('100', '102'));
    desk.trade(print('101'));
    expect(sent.splice(0)).toEqual(['EXO W BTC-USD 100/102', 'EXO X BTC-USD 101']);

    backedUp = true;
    desk.quote(quote('100.5', '102'));
    desk.trade(print('102'));
    desk.quote(quote('101', '103'));
    desk.trade(print('103'));
    desk.quote(quote('3000', '3001', 'ETH-USD'));
    expect(sent).toEqual([]);

    backedUp = false;
    desk.trade(print('3002', 'ETH-USD'));
    expect(sent.splice(0)).toEqual([
      'EXO W BTC-USD 101/103',
      'EXO X BTC-USD 103',
      'EXO W ETH-USD 3000/3001',
      'EXO X ETH-USD 3002',
    ]);
    desk.quote(quote('101', '103'));
    expect(sent).toEqual([]);
  });
});
