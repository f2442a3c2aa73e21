import { readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { packBlock } from '../../src/ticks/block-codec.js';
import { DATA_MAGIC, END_MAGIC, frameOf } from '../../src/ticks/block-frame.js';
import type { TickEvent } from '../../src/ticks/index.js';
import { TickWriter } from '../../src/ticks/index.js';
import { failure, readAll, tempDir, writeJsonLines, writeTickFile } from './tick-fixtures.js';

const quote = (recvUs: number, bidPx = '100.5'): TickEvent => ({
  kind: 'quote',
  symbol: 'BTC-USD',
  venueUs: recvUs - 5,
  recvUs,
  bidPx,
  bidQty: '1',
  askPx: '100.6',
  askQty: '2',
});
const events = Array.from({ length: 40 }, (_, i) => quote(1_000 + i * 10, `100.${i}`));
const BLOCK = 8;

/** The byte offset of each block in a tick file written with BLOCK events per block. */
function blockOffsets(file: string): number[] {
  const bytes = readFileSync(file);
  const offsets: number[] = [];
  let at = bytes.indexOf(10) + 1;
  while (at < bytes.length) {
    offsets.push(at);
    at += 16 + bytes.readUInt32LE(at + 8);
  }
  return offsets;
}

describe('bad recordings are refused naming file and position', () => {
  const dir = tempDir();

  it('a file that is not a tick file, and a newer version', async () => {
    const text = join(dir, 'text.exo');
    writeFileSync(text, 'hello\n');
    expect(await failure(() => readAll(text))).toBe(`${text}: byte 0: not an exo tick file`);
    const newer = join(dir, 'newer.exo');
    writeTickFile(newer, events);
    const bytes = readFileSync(newer);
    const header = bytes
      .subarray(0, bytes.indexOf(10))
      .toString()
      .replace('"version":1', '"version":2');
    writeFileSync(newer, Buffer.concat([Buffer.from(header), bytes.subarray(bytes.indexOf(10))]));
    expect(await failure(() => readAll(newer))).toBe(
      `${newer}: header: tick file version 2 is newer than this exo reads (1)`,
    );
  });

  it('a flipped byte inside a block is a CRC error naming the block and its offset', async () => {
    const file = join(dir, 'flipped.exo');
    writeTickFile(file, events, BLOCK);
    const offsets = blockOffsets(file);
    const bytes = readFileSync(file);
    bytes[offsets[2]! + 20]! ^= 0xff;
    writeFileSync(file, bytes);
    expect(await failure(() => readAll(file))).toMatch(
      new RegExp(`^${file}: block 2 at byte ${offsets[2]}: CRC-32 mismatch`),
    );
  });

  it('a damaged block header is named with its block and offset', async () => {
    const file = join(dir, 'magic.exo');
    writeTickFile(file, events, BLOCK);
    const offsets = blockOffsets(file);
    const bytes = readFileSync(file);
    bytes[offsets[1]!] = 0;
    writeFileSync(file, bytes);
    expect(await failure(() => readAll(file))).toBe(
      `${file}: block 1 at byte ${offsets[1]}: bad block header (no block magic)`,
    );
  });

  it('a cut file is truncated at its last good offset; allowTruncated reads the good prefix', async () => {
    const file = join(dir, 'cut.exo');
    writeTickFile(file, events, BLOCK);
    const offsets = blockOffsets(file);
    truncateSync(file, offsets[3]! + 30);
    expect(await failure(() => readAll(file))).toBe(
      `${file}: byte ${offsets[3]}: truncated: block 3 at byte ${offsets[3]}: the file ends inside the block (last good offset ${offsets[3]}; --allow-truncated reads up to it)`,
    );
    const { events: read, reader } = await readAll(file, { allowTruncated: true });
    expect(read).toStrictEqual(events.slice(0, 3 * BLOCK));
    expect(reader.truncated).toBe(true);
    expect(reader.lastGoodOffset).toBe(offsets[3]);
  });

  it('a file without its end block (the writer never closed) is truncated too', async () => {
    const file = join(dir, 'open.exo');
    const writer = new TickWriter(file, {
      feed: 'test',
      clock: new VirtualClock(0),
      blockEvents: BLOCK,
    });
    for (const event of events) writer.write(event);
    writer.flush();
    expect(await failure(() => readAll(file))).toMatch(/the file ends without an end block/);
    expect((await readAll(file, { allowTruncated: true })).events).toStrictEqual(events);
    writer.close();
  });

  it('time going backwards names the event and both times, writing and reading', async () => {
    const file = join(dir, 'backwards.jsonl');
    const bad = [quote(2_000), quote(1_999)];
    writeJsonLines(file, bad);
    const column = JSON.stringify(bad[1]).indexOf('"recvUs"') + 1;
    expect(await failure(() => readAll(file))).toBe(
      `${file}: line 2:${column} (event 1): time goes backwards: recvUs 1999 after 2000`,
    );
    const out = join(dir, 'backwards.exo');
    expect(await failure(async () => writeTickFile(out, bad))).toBe(
      `${out}: event 1: time goes backwards: recvUs 1999 after 2000`,
    );
  });

  it('a bad decimal or symbol names the event and the field', async () => {
    const out = join(dir, 'bad.exo');
    expect(await failure(async () => writeTickFile(out, [quote(1001), quote(1002, 'abc')]))).toBe(
      `${out}: event 1: bidPx: expected a decimal string, got "abc"`,
    );
    const noSymbol = { ...quote(1001), symbol: '' };
    expect(await failure(async () => writeTickFile(out, [noSymbol]))).toBe(
      `${out}: event 0: symbol: expected a symbol name, got ""`,
    );
    const lines = join(dir, 'bad.jsonl');
    writeJsonLines(lines, [quote(1001), quote(1002, '1,5')]);
    const message = await failure(() => readAll(lines));
    const column = JSON.stringify(quote(1002, '1,5')).indexOf('"bidPx"') + 1;
    expect(message).toBe(
      `${lines}: line 2:${column} (event 1): bidPx: expected a decimal string, got "1,5"`,
    );
  });

  it('a .jsonl.gz that is not gzip names the line it stopped at', async () => {
    const file = join(dir, 'plain.jsonl.gz');
    writeFileSync(file, `${JSON.stringify(quote(1001))}\n`);
    expect(await failure(() => readAll(file))).toBe(
      `${file}: line 1: cannot read: incorrect header check`,
    );
  });

  it('a line that is not JSON names line and column', async () => {
    const file = join(dir, 'broken.jsonl');
    const good = JSON.stringify(quote(1001));
    writeFileSync(file, `${good}\n{"kind":"quote",}\n`);
    expect(await failure(() => readAll(file))).toMatch(new RegExp(`^${file}: line 2:17: `));
  });
});

describe('a block that passes its CRC but holds bad events (another writer) is refused by event', () => {
  it('names an unknown kind and a change with nothing before it', async () => {
    const dir = tempDir();
    const write = (name: string, values: unknown[], count: number): string => {
      const file = join(dir, name);
      const good = join(dir, `${name}.good`);
      writeTickFile(good, []);
      const text = readFileSync(good);
      const payload = packBlock(values);
      writeFileSync(
        file,
        Buffer.concat([
          text.subarray(0, text.indexOf(10) + 1),
          frameOf(DATA_MAGIC, count, payload),
          payload,
          frameOf(END_MAGIC, 1, new Uint8Array(0)),
        ]),
      );
      return file;
    };
    const unknownKind = write('kind.exo', [9, 'S', 1], 1);
    expect(await failure(() => readAll(unknownKind))).toBe(
      `${unknownKind}: event 0: kind: unknown kind 9`,
    );
    const repeat = write('repeat.exo', [0, 'S', 1, null, 0, '1', '2', '3'], 1);
    expect(await failure(() => readAll(repeat))).toBe(
      `${repeat}: event 0: bidPx: a repeat with nothing before it`,
    );
  });
});
