import { describe, expect, it } from 'vitest';
import {
  ParseError,
  parseDecimal,
  parseId,
  parseMsgType,
  parseNonNegativeDecimal,
  parseOrdStatus,
  parsePositiveDecimal,
  parseSequence,
  parseSide,
  parseSymbol,
  parseText,
  parseTime,
  parseTimeInForce,
} from '../../src/market/index.js';
import { parseErrorOf } from './parse-error-of.js';

describe('ParseError', () => {
  it('is an Error that names its field first in the message', () => {
    const error = new ParseError('quote.bidPx', 'expected a decimal string, got number');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('ParseError');
    expect(error.field).toBe('quote.bidPx');
    expect(error.message).toBe('quote.bidPx: expected a decimal string, got number');
  });

  it('quotes a bad string only up to 40 characters', () => {
    const error = parseErrorOf(() => parseSide('x'.repeat(1000), 'side'));
    expect(error.message).toBe(`side: expected one of buy, sell, got "${'x'.repeat(40)}…"`);
  });
});

describe('parseDecimal', () => {
  it.each(['101.25', '-3', '0', '0.00000001', '1e-8', '2.5E3', '.5', '007'])(
    'reads %s exactly',
    (text) => {
      expect(parseDecimal(text, 'px').eq(text)).toBe(true);
    },
  );

  it.each([
    [1.5, 'got number'],
    [Number.NaN, 'got number'],
    [Number.POSITIVE_INFINITY, 'got number'],
    [10n, 'got bigint'],
    [null, 'got null'],
    [undefined, 'got nothing'],
    [true, 'got boolean'],
    [['1'], 'got array'],
    [{ value: '1' }, 'got object'],
    ['', 'got ""'],
    [' 1', 'got " 1"'],
    ['1 ', 'got "1 "'],
    ['1\n', 'got "1\\n"'],
    ['+1', 'got "+1"'],
    ['1,5', 'got "1,5"'],
    ['0x10', 'got "0x10"'],
    ['NaN', 'got "NaN"'],
    ['Infinity', 'got "Infinity"'],
    ['abc', 'got "abc"'],
  ])('refuses %o, naming the field and what it got', (value, got) => {
    const error = parseErrorOf(() => parseDecimal(value, 'quote.bidPx'));
    expect(error.field).toBe('quote.bidPx');
    expect(error.message).toBe(`quote.bidPx: expected a decimal string, ${got}`);
  });

  it.each(['1e41', '1e-41', '1e999999999', '-1e-999999999', '1'.repeat(41)])(
    'refuses the absurd magnitude %s before any arithmetic can stall on it',
    (text) => {
      const error = parseErrorOf(() => parseDecimal(text, 'qty'));
      expect(error.message).toContain('qty: expected a decimal within 40 digits and 1e±40');
    },
  );

  it('refuses text longer than 100 characters, even when its value is small', () => {
    expect(parseDecimal(`${'0'.repeat(90)}1`, 'qty').toString()).toBe('1');
    expect(parseErrorOf(() => parseDecimal(`${'0'.repeat(100)}1`, 'qty')).field).toBe('qty');
  });
});

describe('parsePositiveDecimal and parseNonNegativeDecimal', () => {
  it('a positive decimal is above zero', () => {
    expect(parsePositiveDecimal('0.01', 'px').toString()).toBe('0.01');
    expect(parseErrorOf(() => parsePositiveDecimal('0', 'px')).message).toBe(
      'px: expected a positive decimal, got "0"',
    );
    expect(parseErrorOf(() => parsePositiveDecimal('-0.5', 'px')).field).toBe('px');
    expect(parseErrorOf(() => parsePositiveDecimal(3, 'px')).message).toBe(
      'px: expected a decimal string, got number',
    );
  });

  it('a non-negative decimal may be zero', () => {
    expect(parseNonNegativeDecimal('0', 'qty').toString()).toBe('0');
    expect(parseNonNegativeDecimal('-0', 'qty').eq(0)).toBe(true);
    expect(parseErrorOf(() => parseNonNegativeDecimal('-0.01', 'qty')).message).toBe(
      'qty: expected a non-negative decimal, got "-0.01"',
    );
  });
});

describe('parseTime', () => {
  it('reads milliseconds since the epoch', () => {
    expect(parseTime(1_700_000_000_123, 'time')).toBe(1_700_000_000_123);
    expect(parseTime(0, 'time')).toBe(0);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, '5', null])('refuses %o', (value) => {
    expect(parseErrorOf(() => parseTime(value, 'trade.time')).message).toMatch(
      /^trade\.time: expected milliseconds since the epoch, got /,
    );
  });
});

describe('strings', () => {
  it('an identifier is any non-empty string, kept as given', () => {
    expect(parseId(' id 1 ', 'orderId')).toBe(' id 1 ');
    expect(parseErrorOf(() => parseId('', 'orderId')).message).toBe(
      'orderId: expected a non-empty string, got ""',
    );
    expect(parseErrorOf(() => parseId(7, 'orderId')).message).toBe(
      'orderId: expected a non-empty string, got number',
    );
  });

  it('a symbol is non-empty and has no surrounding whitespace', () => {
    expect(parseSymbol('BRK.B', 'symbol')).toBe('BRK.B');
    expect(parseSymbol('AAPL US Equity', 'symbol')).toBe('AAPL US Equity');
    for (const bad of ['', ' AAPL', 'AAPL ', '\tAAPL', 42]) {
      expect(parseErrorOf(() => parseSymbol(bad, 'quote.symbol')).field).toBe('quote.symbol');
    }
  });

  it('text is any string, even empty', () => {
    expect(parseText('', 'text')).toBe('');
    expect(parseErrorOf(() => parseText(false, 'report.text')).message).toBe(
      'report.text: expected a string, got boolean',
    );
  });
});

describe('enumerations', () => {
  it('read in any letter case and come back in lower case', () => {
    expect(parseSide('BUY', 'side')).toBe('buy');
    expect(parseSide('Sell', 'side')).toBe('sell');
    expect(parseMsgType('Cancel', 'msgType')).toBe('cancel');
    expect(parseOrdStatus('PARTIALLY_FILLED', 'status')).toBe('partially_filled');
    expect(parseOrdStatus('pending_new', 'status')).toBe('pending_new');
    expect(parseTimeInForce('IOC', 'tif')).toBe('ioc');
    expect(parseTimeInForce('gtc', 'tif')).toBe('gtc');
  });

  it('name the field and every allowed value when refusing', () => {
    expect(parseErrorOf(() => parseSide('hold', 'order.side')).message).toBe(
      'order.side: expected one of buy, sell, got "hold"',
    );
    expect(parseErrorOf(() => parseMsgType('amend', 'order.msgType')).message).toBe(
      'order.msgType: expected one of new, replace, cancel, got "amend"',
    );
    expect(parseErrorOf(() => parseTimeInForce(1, 'tif')).message).toBe(
      'tif: expected one of gtc, ioc, fok, day, got number',
    );
    expect(parseErrorOf(() => parseOrdStatus('partially filled', 'report.status')).field).toBe(
      'report.status',
    );
  });

  it('refuse look-alikes that Unicode case folding would turn into a valid value', () => {
    expect(parseErrorOf(() => parseTimeInForce('FO\u212A', 'tif')).field).toBe('tif');
    expect(parseErrorOf(() => parseSide(' buy', 'side')).field).toBe('side');
  });
});

describe('parseSequence', () => {
  it('takes a non-negative safe integer and refuses anything a double cannot hold exactly', () => {
    expect(parseSequence(0, 'seq')).toBe(0);
    expect(parseSequence(2 ** 53 - 1, 'seq')).toBe(2 ** 53 - 1);
    for (const bad of [-1, 1.5, 2 ** 53, '7', null, Number.NaN]) {
      expect(() => parseSequence(bad, 'report.seq')).toThrow(/report\.seq/);
    }
  });
});
