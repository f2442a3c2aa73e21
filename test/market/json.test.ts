import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decimal,
  decimalToJSON,
  ParseError,
  parseDecimal,
  parseQuote,
  parseReport,
  parseTrade,
  quoteToJSON,
  reportToJSON,
  Trade,
  tradeToJSON,
} from '../../src/market/index.js';
import { decimalText } from './arbitraries.js';

describe('decimalToJSON', () => {
  it('writes plain notation, never an exponent', () => {
    expect(decimalToJSON(decimal('1e-8'))).toBe('0.00000001');
    expect(decimalToJSON(decimal('2.5e21'))).toBe('2500000000000000000000');
    expect(decimalToJSON(decimal('-0'))).toBe('0');
    expect(decimalToJSON(decimal('10.50'))).toBe('10.5');
  });

  it('writes every decimal parseDecimal accepts in a form it accepts back, equal in value', () => {
    const text = fc
      .tuple(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), fc.integer({ min: -80, max: 40 }))
      .map(([mantissa, exponent]) => `${mantissa}e${exponent}`);
    fc.assert(
      fc.property(text, (t) => {
        let parsed: ReturnType<typeof decimal>;
        try {
          parsed = parseDecimal(t, 'value');
        } catch (error) {
          expect(error).toBeInstanceOf(ParseError);
          return;
        }
        expect(parseDecimal(decimalToJSON(parsed), 'value').eq(parsed)).toBe(true);
      }),
    );
  });
});

describe('quoteToJSON', () => {
  it('writes decimals as strings that parseQuote reads back to the same quote', () => {
    const quoteJson = fc.record({
      symbol: fc.constantFrom('XYZ', 'BTC-USD'),
      bidPx: decimalText(),
      bidQty: decimalText(),
      askPx: decimalText(),
      askQty: decimalText(),
      time: fc.nat(),
    });
    fc.assert(
      fc.property(quoteJson, (json) => {
        const written = quoteToJSON(parseQuote(json));
        expect(written.symbol).toBe(json.symbol);
        expect(written.time).toBe(json.time);
        for (const key of ['bidPx', 'bidQty', 'askPx', 'askQty'] as const) {
          expect(typeof written[key]).toBe('string');
          expect(decimal(written[key]).eq(json[key])).toBe(true);
        }
        expect(quoteToJSON(parseQuote(written))).toStrictEqual(written);
      }),
    );
  });
});

describe('tradeToJSON', () => {
  it('writes the last print with the volume, VWAP and count of everything aggregated', () => {
    const trade = Trade.of('XYZ', decimal('10'), decimal('1'), 1, 'a').aggregate(
      Trade.of('XYZ', decimal('13'), decimal('2'), 2, 'b'),
    );
    expect(tradeToJSON(trade)).toStrictEqual({
      symbol: 'XYZ',
      px: '13',
      qty: '2',
      volume: '3',
      vwap: '12',
      count: 2,
      time: 2,
      tradeId: 'b',
    });
  });

  it('leaves out an absent tradeId, and a single print reads back as itself', () => {
    const json = tradeToJSON(parseTrade({ symbol: 'XYZ', px: '0.00000001', qty: '5' }));
    expect(json).toStrictEqual({
      symbol: 'XYZ',
      px: '0.00000001',
      qty: '5',
      volume: '5',
      vwap: '0.00000001',
      count: 1,
      time: 0,
    });
    expect(tradeToJSON(parseTrade(json))).toStrictEqual(json);
  });
});

describe('reportToJSON', () => {
  it('writes decimals as strings and leaves absent fields out', () => {
    const report = parseReport({ orderId: 'o', status: 'filled', transactTime: 3, avgPx: '1e-3' });
    expect(reportToJSON(report)).toStrictEqual({
      orderId: 'o',
      status: 'filled',
      transactTime: 3,
      avgPx: '0.001',
    });
  });

  it('round-trips every field through parseReport', () => {
    const json = {
      orderId: 'o-1',
      venueOrderId: 'v-1',
      clOrdId: 'c-1',
      execId: 'e-1',
      status: 'partially_filled',
      lastQty: '100',
      lastPx: '10.25',
      cumQty: '300',
      avgPx: '10.1',
      transactTime: 1_700_000_000_000,
      text: 'partial',
    };
    expect(reportToJSON(parseReport(json))).toStrictEqual(json);
  });
});
