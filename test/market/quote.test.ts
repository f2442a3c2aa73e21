import { describe, expect, it } from 'vitest';
import { decimal, Quote } from '../../src/market/index.js';

describe('quote', () => {
  const quote = Quote.of({
    symbol: 'XYZ',
    bidPx: decimal('99.5'),
    bidQty: decimal('300'),
    askPx: decimal('100.25'),
    askQty: decimal('200'),
  });

  it("a buyer's near side is the bid and its far side the ask", () => {
    expect(quote.nearPx('buy').toString()).toBe('99.5');
    expect(quote.nearQty('buy').toString()).toBe('300');
    expect(quote.farPx('buy').toString()).toBe('100.25');
    expect(quote.farQty('buy').toString()).toBe('200');
  });

  it("a seller's near side is the ask and its far side the bid", () => {
    expect(quote.nearPx('sell').toString()).toBe('100.25');
    expect(quote.nearQty('sell').toString()).toBe('200');
    expect(quote.farPx('sell').toString()).toBe('99.5');
    expect(quote.farQty('sell').toString()).toBe('300');
  });

  it('spread is ask minus bid and mid is their exact midpoint', () => {
    expect(quote.spread().toString()).toBe('0.75');
    expect(quote.mid().toString()).toBe('99.875');
  });

  it('time defaults to zero when the venue gives none', () => {
    expect(quote.time).toBe(0);
    expect(Quote.of({ ...quote, time: 42 }).time).toBe(42);
  });

  it('built from named fields, each figure lands where its name says, as the positional form puts it', () => {
    const fields = {
      symbol: 'XYZ',
      askQty: decimal('4'),
      askPx: decimal('3'),
      bidQty: decimal('2'),
      bidPx: decimal('1'),
      time: 7,
    };
    const named = Quote.of(fields);
    expect([named.bidPx, named.bidQty, named.askPx, named.askQty].map(String)).toEqual([
      '1',
      '2',
      '3',
      '4',
    ]);
    expect(named).toEqual(
      new Quote('XYZ', fields.bidPx, fields.bidQty, fields.askPx, fields.askQty, 7),
    );
  });
});
