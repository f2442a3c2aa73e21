import type { FixField } from '../src/fix/message.js';

/** The body of the D the FIX benchmarks send (fix-roundtrip sends the same content over ws as JSON). */
export function orderFields(clOrdId: string): FixField[] {
  return [
    [11, clOrdId],
    [55, 'BTC-USD'],
    [54, '1'],
    [60, '20261206-03:22:00.123'],
    [38, '0.12345678'],
    [40, '2'],
    [44, '98765.43'],
    [59, '0'],
  ];
}

/** The body of the ExecutionReport (new) answering an order whose fields `get` reads. */
export function reportFor(get: (tag: number) => string): FixField[] {
  const clOrdId = get(11);
  return [
    [37, `V-${clOrdId}`],
    [17, `X-${clOrdId}`],
    [11, clOrdId],
    [150, '0'],
    [39, '0'],
    [55, get(55)],
    [54, get(54)],
    [38, get(38)],
    [151, get(38)],
    [14, '0'],
    [6, '0'],
  ];
}
