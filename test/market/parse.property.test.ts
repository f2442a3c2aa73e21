import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ParseError,
  parseOrder,
  parseQuote,
  parseReport,
  parseTrade,
} from '../../src/market/index.js';
import { decimalText } from './arbitraries.js';

const parsers = { parseQuote, parseTrade, parseReport, parseOrder };

/** Every kind of value fast-check can build, JSON or not. */
const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
});

/** Either a plausible value for a field or anything at all, so that every check gets exercised. */
function field<T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> {
  return fc.oneof(
    { arbitrary: valid, weight: 12 },
    { arbitrary: fc.constantFrom(undefined, null, '', 0, -1, '0', '-1', 1.5), weight: 1 },
    { arbitrary: anything, weight: 1 },
  );
}

/** Objects whose fields are mostly nearly right: deep enough to reach every field's check. */
const nearlyValid = fc.record({
  symbol: field(fc.constantFrom('XYZ', ' XYZ')),
  bidPx: field(decimalText()),
  bidQty: field(decimalText()),
  askPx: field(decimalText()),
  askQty: field(decimalText()),
  px: field(decimalText()),
  qty: field(decimalText()),
  time: field(fc.nat()),
  tradeId: field(fc.string()),
  orderId: field(fc.string()),
  venueOrderId: field(fc.string()),
  clOrdId: field(fc.string()),
  execId: field(fc.string()),
  status: field(fc.constantFrom('new', 'FILLED', 'partially_filled')),
  lastQty: field(decimalText()),
  lastPx: field(decimalText()),
  cumQty: field(decimalText()),
  avgPx: field(decimalText()),
  transactTime: field(fc.nat()),
  text: field(fc.string()),
  side: field(fc.constantFrom('buy', 'SELL')),
  msgType: field(fc.constantFrom('new', 'Cancel', 'replace')),
});

/** Runs the parser and fails unless it returned or threw a ParseError. */
function returnsOrThrowsParseError(parse: (value: unknown) => unknown, value: unknown): void {
  try {
    parse(value);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
  }
}

describe.each(Object.entries(parsers))('%s on arbitrary input', (_, parse) => {
  it('returns a value or throws a ParseError, whatever any JSON value', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => returnsOrThrowsParseError(parse, value)));
  });

  it('returns a value or throws a ParseError, whatever any JavaScript value', () => {
    fc.assert(fc.property(anything, (value) => returnsOrThrowsParseError(parse, value)));
  });

  it('returns a value or throws a ParseError on objects that are nearly right', () => {
    fc.assert(
      fc.property(nearlyValid, (value) => returnsOrThrowsParseError(parse, value)),
      { numRuns: 500 },
    );
  });
});

describe('nearly valid input', () => {
  it('is often accepted, so the property above reaches the end of every parser', () => {
    const accepted = { parseQuote: 0, parseTrade: 0, parseReport: 0, parseOrder: 0 };
    for (const value of fc.sample(nearlyValid, { numRuns: 2000, seed: 1 })) {
      for (const [name, parse] of Object.entries(parsers)) {
        try {
          parse(value);
          accepted[name as keyof typeof accepted]++;
        } catch {}
      }
    }
    for (const count of Object.values(accepted)) expect(count).toBeGreaterThan(100);
  });
});
