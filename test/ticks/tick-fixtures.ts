import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { VirtualClock } from '../../src/core/clock.js';
import {
  type TickEvent,
  TickReader,
  type TickReadOptions,
  TickWriter,
} from '../../src/ticks/index.js';

/** A fresh directory for one test's files. */
export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'exo-ticks-'));
}

/** Writes `events` to a tick file (small blocks by default, so that a test crosses many). */
export function writeTickFile(file: string, events: readonly TickEvent[], blockEvents = 7): void {
  const writer = new TickWriter(file, { feed: 'test', clock: new VirtualClock(0), blockEvents });
  for (const event of events) writer.write(event);
  writer.close();
}

/** Writes `events` as JSON lines, gzipped when the name ends in `.gz`. */
export function writeJsonLines(file: string, events: readonly TickEvent[]): void {
  const text = events.map((event) => `${JSON.stringify(event)}\n`).join('');
  writeFileSync(file, file.endsWith('.gz') ? gzipSync(text) : text);
}

/** Every event of a recording, and the reader after iteration. */
export async function readAll(
  file: string,
  options: TickReadOptions = {},
): Promise<{ events: TickEvent[]; reader: TickReader }> {
  const reader = await TickReader.open(file, options);
  const events: TickEvent[] = [];
  for await (const block of reader.blocks()) events.push(...block);
  return { events, reader };
}

/** The message of what `run` rejects with. */
export async function failure(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('expected a failure');
}

const digits = (min: number, max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: min, maxLength: max });

/** Decimals as venues write them: plain of any precision, long, trailing zeros, exponents. */
export const decimalArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(fc.boolean(), fc.integer({ min: 0, max: 99_999_999 }), fc.integer({ min: 0, max: 9 }))
    .map(([negative, mantissa, scale]) => {
      const text = String(mantissa).padStart(scale + 1, '0');
      const cut = text.length - scale;
      const plain = scale === 0 ? text : `${text.slice(0, cut)}.${text.slice(cut)}`;
      return negative && mantissa !== 0 ? `-${plain}` : plain;
    }),
  fc.tuple(digits(1, 30), digits(0, 30)).map(([a, b]) => (b === '' ? a : `${a}.${b}`)),
  fc.constantFrom('1e-8', '0.00000100', '65000.10', '-0', '007.5', '.5', '2E+3'),
);

const symbolArb = fc.oneof(
  fc.constantFrom('BTC-USD', 'ETH-USD', 'SOL-USD'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

const microsArb = fc.integer({ min: 0, max: 4_000_000_000_000_000 });

/** Events of every kind, any figures; receive times are filled in by `eventsArb`. */
const eventArb: fc.Arbitrary<(recvUs: number) => TickEvent> = fc.oneof(
  fc
    .record({
      symbol: symbolArb,
      venueUs: fc.oneof(fc.constant(0), microsArb),
      bidPx: decimalArb,
      bidQty: decimalArb,
      askPx: decimalArb,
      askQty: decimalArb,
    })
    .map(
      (fields) =>
        (recvUs: number): TickEvent => ({ kind: 'quote', ...fields, recvUs }),
    ),
  fc
    .record(
      {
        symbol: symbolArb,
        venueUs: fc.oneof(fc.constant(0), microsArb),
        px: decimalArb,
        qty: decimalArb,
        side: fc.constantFrom('buy' as const, 'sell' as const),
        tradeId: fc.oneof(fc.nat().map(String), fc.string({ maxLength: 20 })),
      },
      { requiredKeys: ['symbol', 'venueUs', 'px', 'qty'] },
    )
    .map(
      (fields) =>
        (recvUs: number): TickEvent => ({ kind: 'trade', ...fields, recvUs }),
    ),
  fc
    .record(
      { symbol: symbolArb, tickSize: decimalArb, lotSize: decimalArb },
      { requiredKeys: ['symbol'] },
    )
    .map(
      (fields) =>
        (recvUs: number): TickEvent => ({ kind: 'symbol', ...fields, recvUs }),
    ),
  fc
    .record({ symbols: fc.array(symbolArb, { maxLength: 4 }), fromUs: microsArb, toUs: microsArb })
    .map(
      (fields) =>
        (recvUs: number): TickEvent => ({ kind: 'gap', ...fields, recvUs }),
    ),
);

/** A recording: events with receive times that never go backwards (often equal). */
export const eventsArb: fc.Arbitrary<TickEvent[]> = fc
  .tuple(
    microsArb,
    fc.array(fc.tuple(eventArb, fc.oneof(fc.constant(0), fc.nat(), fc.nat(1_000_000_000))), {
      maxLength: 60,
    }),
  )
  .map(([start, items]) => {
    let recvUs = start;
    return items.map(([make, step]) => {
      recvUs += step;
      return make(recvUs);
    });
  });
