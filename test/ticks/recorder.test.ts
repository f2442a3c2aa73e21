import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { SimulatedMarket } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { Trade } from '../../src/market/trade.js';
import {
  RecordingFiles,
  recordingTap,
  rotatedName,
  type TickEvent,
  TickRecorder,
  TickWriter,
} from '../../src/ticks/index.js';
import { readAll, tempDir } from './tick-fixtures.js';

describe('TickRecorder', () => {
  it("records quotes, trades, a definition before each symbol's first event, and gaps", () => {
    const events: TickEvent[] = [];
    let nowUs = 5_000_000;
    const recorder = new TickRecorder({
      write: (event) => events.push(event),
      nowUs: () => nowUs,
      grid: (symbol) =>
        symbol === 'BTC-USD' ? { tickSize: '0.01', lotSize: '0.0001' } : undefined,
    });
    const seen: string[] = [];
    const sink = recorder.tap({
      quote: (quote) => seen.push(`quote ${quote.symbol}`),
      trade: (trade) => seen.push(`trade ${trade.symbol}`),
    });
    sink.quote(
      Quote.of({
        symbol: 'BTC-USD',
        bidPx: decimal('65000.10'),
        bidQty: decimal('1e-8'),
        askPx: decimal('65000.2'),
        askQty: decimal('2'),
        time: 4_999,
      }),
    );
    nowUs += 7;
    sink.trade(Trade.of('ETH-USD', decimal('3500'), decimal('0.5'), 5_000, 't-1'));
    recorder.gap({ exchange: 'coinbase', symbols: ['ETH-USD'], from: 5_001, to: 5_002.5 });
    expect(seen).toEqual(['quote BTC-USD', 'trade ETH-USD']);
    expect(events).toStrictEqual([
      { kind: 'symbol', symbol: 'BTC-USD', recvUs: 5_000_000, tickSize: '0.01', lotSize: '0.0001' },
      {
        kind: 'quote',
        symbol: 'BTC-USD',
        venueUs: 4_999_000,
        recvUs: 5_000_000,
        bidPx: '65000.1',
        bidQty: '0.00000001',
        askPx: '65000.2',
        askQty: '2',
      },
      { kind: 'symbol', symbol: 'ETH-USD', recvUs: 5_000_007 },
      {
        kind: 'trade',
        symbol: 'ETH-USD',
        venueUs: 5_000_000,
        recvUs: 5_000_007,
        px: '3500',
        qty: '0.5',
        tradeId: 't-1',
      },
      { kind: 'gap', recvUs: 5_000_007, symbols: ['ETH-USD'], fromUs: 5_001_000, toUs: 5_002_500 },
    ]);
  });
});

describe('RecordingFiles', () => {
  it('names rotated parts before the extension', () => {
    expect(rotatedName('/d/ticks.exo', 0)).toBe('/d/ticks.exo');
    expect(rotatedName('/d/ticks.exo', 2)).toBe('/d/ticks.2.exo');
    expect(rotatedName('/d.x/ticks', 1)).toBe('/d.x/ticks.1');
  });

  it('rotates by size and by time, each part whole, together the whole recording', async () => {
    const dir = tempDir();
    const quote = (recvUs: number): TickEvent => ({
      kind: 'quote',
      symbol: 'S',
      venueUs: 0,
      recvUs,
      bidPx: String(recvUs),
      bidQty: '1',
      askPx: '2',
      askQty: '3',
    });
    for (const rotation of [{ bytes: 200 }, { everyMs: 1000 }]) {
      const clock = new VirtualClock(0);
      const base = join(dir, `${'bytes' in rotation ? 'size' : 'time'}.exo`);
      const files = new RecordingFiles(base, { feed: 'test', clock, blockEvents: 10 }, rotation);
      const written = Array.from({ length: 100 }, (_, i) => quote(i));
      for (const event of written) {
        files.write(event);
        clock.advance(100);
      }
      files.close();
      expect(files.files.length).toBeGreaterThan(2);
      const read: TickEvent[] = [];
      for (const file of files.files) read.push(...(await readAll(file)).events);
      expect(read).toStrictEqual(written);
    }
  });
  it('discard removes every part it created and keeps (overwritten) one that was there', () => {
    const dir = tempDir();
    const base = join(dir, 'gone.exo');
    writeFileSync(rotatedName(base, 1), 'an earlier part');
    const clock = new VirtualClock(0);
    const files = new RecordingFiles(base, { feed: 'test', clock, blockEvents: 1 }, { bytes: 1 });
    for (let recvUs = 0; recvUs < 3; recvUs++) {
      files.write({ kind: 'gap', recvUs, symbols: ['S'], fromUs: 0, toUs: recvUs });
    }
    expect(files.files.length).toBe(3);
    files.discard();
    expect(files.files.map((file) => existsSync(file))).toStrictEqual(
      files.files.map((file) => file === rotatedName(base, 1)),
    );
  });
});

describe('TickWriter flushes', () => {
  it('a block reaches the file a second (on its clock) after its first event, or at 4096 events', async () => {
    const file = join(tempDir(), 'flush.exo');
    const clock = new VirtualClock(0);
    const writer = new TickWriter(file, { feed: 'test', clock });
    const quote = (recvUs: number): TickEvent => ({
      kind: 'quote',
      symbol: 'S',
      venueUs: 0,
      recvUs,
      bidPx: '1',
      bidQty: '1',
      askPx: '2',
      askQty: '3',
    });
    writer.write(quote(1));
    writer.write(quote(2));
    const header = writer.bytes;
    clock.advance(999);
    expect(writer.bytes).toBe(header);
    clock.advance(1);
    expect(writer.bytes).toBeGreaterThan(header);
    const afterTimer = writer.bytes;
    for (let i = 0; i < 4096; i++) writer.write(quote(3 + i));
    expect(writer.bytes).toBeGreaterThan(afterTimer);
    expect((await readAll(file, { allowTruncated: true })).events).toHaveLength(4098);
    writer.close();
    expect((await readAll(file)).events).toHaveLength(4098);
  });
});

describe('recordingTap', () => {
  it('records what a market delivers through it, on a virtual clock, and ends the file on close', async () => {
    const clock = new VirtualClock(Date.UTC(2026, 0, 1));
    const market = new SimulatedMarket({ clock, seed: 3, tickRate: 50 });
    const file = join(tempDir(), 'tap.exo');
    const recording = recordingTap({ file, feed: 'sim', clock, nowUs: () => clock.now() * 1000 });
    const delivered: string[] = [];
    recording.tap(market).subscribe('ETH-USD', {
      quote: (quote) => delivered.push(`quote ${quote.bidPx.toFixed()}`),
      trade: (trade) => delivered.push(`trade ${trade.lastPx.toFixed()}`),
    });
    clock.advance(10_000);
    market.close();
    recording.close();
    const { events } = await readAll(file);
    expect(events[0]).toStrictEqual({
      kind: 'symbol',
      symbol: 'ETH-USD',
      recvUs: events[1]!.recvUs,
    });
    const recorded = events
      .slice(1)
      .map((e) =>
        e.kind === 'quote' ? `quote ${e.bidPx}` : e.kind === 'trade' ? `trade ${e.px}` : e.kind,
      );
    expect(recorded).toEqual(delivered);
    expect(delivered.length).toBeGreaterThan(100);
    expect(recording.events).toBe(events.length);
  });
});
