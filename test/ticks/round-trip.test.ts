import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsArb, readAll, tempDir, writeJsonLines, writeTickFile } from './tick-fixtures.js';

describe('recordings round trip', () => {
  const dir = tempDir();
  let n = 0;

  it('a tick file reads back exactly the events written, across many blocks', async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb, fc.integer({ min: 1, max: 9 }), async (events, blockEvents) => {
        const file = join(dir, `${n++}.exo`);
        writeTickFile(file, events, blockEvents);
        const { events: read, reader } = await readAll(file);
        expect(read).toStrictEqual(events);
        expect(reader.truncated).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it('a tick file and JSON lines (plain and gzipped) of the same events read the same', async () => {
    await fc.assert(
      fc.asyncProperty(eventsArb, async (events) => {
        const base = join(dir, `${n++}`);
        writeTickFile(`${base}.exo`, events);
        writeJsonLines(`${base}.jsonl`, events);
        writeJsonLines(`${base}.jsonl.gz`, events);
        const fromTicks = (await readAll(`${base}.exo`)).events;
        expect((await readAll(`${base}.jsonl`)).events).toStrictEqual(fromTicks);
        expect((await readAll(`${base}.jsonl.gz`)).events).toStrictEqual(fromTicks);
      }),
      { numRuns: 60 },
    );
  });
});
