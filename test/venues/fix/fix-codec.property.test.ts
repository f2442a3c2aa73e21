import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFix } from '../../../src/fix/encode.js';
import { type FixField, FixMessage } from '../../../src/fix/message.js';
import { parseFix } from '../../../src/fix/parse.js';
import { ExecutionReportError, readExecution } from '../../../src/venues/fix/execution-report.js';
import { sideOf, timeInForceOf } from '../../../src/venues/fix/fix-enums.js';
import type { FixOrder } from '../../../src/venues/fix/fix-orders.js';
import {
  cancelReplace,
  cancelRequest,
  newOrderSingle,
} from '../../../src/venues/fix/fix-requests.js';

const decimal = fc
  .tuple(fc.bigInt({ min: 1n, max: 10n ** 18n }), fc.integer({ min: 0, max: 12 }))
  .map(([digits, scale]) => {
    const text = digits.toString().padStart(scale + 1, '0');
    return scale === 0 ? text : `${text.slice(0, -scale)}.${text.slice(-scale)}`;
  });
const wire = fc.stringMatching(/^[\x21-\x7e]{1,20}$/);
const symbol = fc.stringMatching(/^[A-Z0-9-/.]{1,16}$/);
const order = fc.record({
  parentId: fc.constant('p'),
  symbol,
  side: fc.constantFrom('buy' as const, 'sell' as const),
  qty: decimal,
  px: fc.option(decimal, { nil: undefined }),
  tif: fc.constantFrom('gtc' as const, 'day' as const, 'ioc' as const, 'fok' as const),
  wire,
  orderId: fc.option(wire, { nil: undefined }),
  status: fc.constant('new' as const),
  execIds: fc.constant(new Set<string>()),
}) as fc.Arbitrary<FixOrder>;

const header: FixField[] = [
  [35, 'D'],
  [49, 'EXO'],
  [56, 'VENUE'],
  [34, '7'],
  [52, '20261206-03:22:00.000'],
];

/** The fields after a trip through the wire: encoded, parsed, header and trailer dropped. */
function roundTrip(body: FixField[]): FixField[] {
  const { message, problem } = parseFix(encodeFix([...header, ...body]));
  expect(problem).toBeUndefined();
  return message.fields.slice(2 + header.length, -1);
}

describe('FIX adapter messages keep every value as the same string through encode and parse', () => {
  it('D, G and F of random terms come back field for field; side and time in force read back', () => {
    fc.assert(
      fc.property(order, wire, decimal, fc.option(decimal, { nil: undefined }), (o, w, qty, px) => {
        const now = Date.UTC(2026, 11, 6, 3, 22);
        for (const body of [
          newOrderSingle(w, o, now),
          cancelReplace(w, o, { qty, px }, now),
          cancelRequest(w, o, now),
        ]) {
          expect(roundTrip(body)).toEqual(body);
        }
        const d = new FixMessage(roundTrip(newOrderSingle(w, o, now)));
        expect([sideOf(d.get(54)), timeInForceOf(d.get(59)), d.get(38), d.get(44)]).toEqual([
          o.side,
          o.tif,
          o.qty,
          o.px,
        ]);
      }),
    );
  });

  it('an ExecutionReport and an OrderCancelReject of random values read back unchanged', () => {
    const execType = fc.constantFrom(
      '0',
      'F',
      '4',
      '5',
      '8',
      'C',
      'I',
      '1',
      '2',
      'A',
      'E',
      '6',
      'D',
    );
    const ordStatus = fc.constantFrom('0', '1', '2', '3', '4', '5', '6', '8', 'A', 'C', 'E');
    fc.assert(
      fc.property(
        wire,
        wire,
        execType,
        ordStatus,
        decimal,
        decimal,
        decimal,
        decimal,
        (cl, exec, et, os, lq, lp, cq, px) => {
          const body: FixField[] = [
            [37, 'V1'],
            [11, cl],
            [17, exec],
            [150, et],
            [39, os],
            [55, 'BTC-USD'],
            [54, '1'],
            [38, cq],
            [44, px],
            [32, lq],
            [31, lp],
            [151, '0'],
            [14, cq],
            [6, lp],
          ];
          const fields = roundTrip(body);
          expect(fields).toEqual(body);
          const x = readExecution(new FixMessage([[35, '8'], ...fields]));
          expect([x.wire, x.execId, x.orderQty, x.price]).toEqual([cl, exec, cq, px]);
          expect([x.lastQty?.eq(lq), x.lastPx?.eq(lp), x.cumQty?.eq(cq)]).toEqual([
            true,
            true,
            true,
          ]);
          const nine: FixField[] = [
            [11, cl],
            [41, exec],
            [39, os],
            [434, '1'],
            [102, '0'],
            [58, `text ${px}`],
          ];
          expect(roundTrip(nine)).toEqual(nine);
        },
      ),
    );
  });

  it('arbitrary fields never make readExecution throw anything but ExecutionReportError', () => {
    const field = fc.tuple(
      fc.constantFrom(6, 11, 14, 17, 31, 32, 37, 39, 150, 151, 911, 912),
      fc.string({ minLength: 1, maxLength: 8 }),
    );
    fc.assert(
      fc.property(fc.array(field, { maxLength: 14 }), (fields) => {
        try {
          readExecution(new FixMessage([[35, '8'], ...fields]));
        } catch (error) {
          expect(error).toBeInstanceOf(ExecutionReportError);
        }
      }),
    );
  });
});
