import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ReplayJob } from '../../src/cli/replay-job.js';
import { REPLAY_PARTS, type ReplayParts, replayPipeline } from '../../src/cli/replay-pipeline.js';
import { VirtualClock } from '../../src/core/clock.js';
import type { ReplayOutcome } from '../../src/replay/replay-outcome.js';
import { buildReport } from '../../src/report/index.js';
import { TickWriter } from '../../src/ticks/index.js';
import type { TickEvent } from '../../src/ticks/tick-event.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const quote = (symbol: string, recvUs: number): TickEvent => ({
  kind: 'quote',
  symbol,
  venueUs: 0,
  recvUs,
  bidPx: '100',
  bidQty: '1',
  askPx: '101',
  askQty: '1',
});

/** Two files' blocks, the second's last block missing its end (truncated). */
const BLOCKS: Record<string, (readonly TickEvent[])[]> = {
  'a.exo': [[quote('BTC-USD', 10), quote('ETH-USD', 20)], [quote('BTC-USD', 30)]],
  'b.exo': [
    [{ kind: 'gap', recvUs: 40, symbols: ['SOL-USD'], fromUs: 35, toUs: 40 }, quote('SOL-USD', 50)],
  ],
};

function fakeParts(dir: string, progressCalls: number[]): ReplayParts {
  return {
    openTicks(files) {
      let read = false;
      return {
        blocks: (async function* () {
          for (const file of files) yield* BLOCKS[file.slice(dir.length + 1)]!;
          read = true;
        })(),
        truncated: () => read && files.some((file) => file.endsWith('b.exo')),
      };
    },
    async runReplay(ticks, job, onProgress) {
      let events = 0;
      for await (const block of ticks) {
        events += block.length;
        progressCalls.push(events);
        onProgress(events);
      }
      return {
        orders: [],
        run: {
          seed: job.options.seed,
          models: { fill: 'through' },
          inputs: [],
          events,
          deliveries: 0,
          conflationRatio: 0,
          fromUs: 10,
          toUs: 50,
          truncated: false,
        },
      } satisfies ReplayOutcome;
    },
  };
}

describe('replayPipeline', () => {
  it('scans the recording for its symbols, span and events', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-pipeline-'));
    dirs.push(dir);
    const pipeline = replayPipeline(fakeParts(dir, []));
    const span = await pipeline.scan([join(dir, 'a.exo'), join(dir, 'b.exo')], false);
    expect(span).toEqual({
      symbols: new Set(['BTC-USD', 'ETH-USD', 'SOL-USD']),
      fromUs: 10,
      toUs: 50,
      events: 5,
    });
  });

  it('runs a job: progress as new events, the inputs with their SHA-256, truncation, and the report', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-pipeline-'));
    dirs.push(dir);
    const files = ['a.exo', 'b.exo'].map((name) => join(dir, name));
    for (const file of files) writeFileSync(file, `bytes of ${file}`);
    const cumulative: number[] = [];
    const pipeline = replayPipeline(fakeParts(dir, cumulative));
    const job: ReplayJob = {
      label: '',
      files,
      allowTruncated: true,
      orders: [],
      options: { seed: 5 },
    };
    const added: number[] = [];
    const result = await pipeline.run(job, (events) => added.push(events));
    expect(cumulative).toEqual([2, 3, 5]);
    expect(added).toEqual([2, 1, 2]);
    expect(result.outcome.run.inputs).toEqual(
      // Named without their folder: the same recording by another path is the same input.
      files.map((file) => ({
        file: basename(file),
        sha256: createHash('sha256').update(`bytes of ${file}`).digest('hex'),
      })),
    );
    expect(result.outcome.run.truncated).toBe(true);
    expect(result.report).toEqual(await buildReport(result.outcome, Object.values(BLOCKS).flat()));
  });

  it('reads real files in turn, and refuses one that starts before the last one ended', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'exo-pipeline-'));
    dirs.push(dir);
    const write = (name: string, times: number[]) => {
      const file = join(dir, name);
      const writer = new TickWriter(file, { feed: 'test', clock: new VirtualClock(0) });
      for (const recvUs of times) writer.write(quote('BTC-USD', recvUs));
      writer.close();
      return file;
    };
    const [early, late] = [write('early.exo', [10, 20]), write('late.exo', [20, 30])];
    const pipeline = replayPipeline(REPLAY_PARTS);
    expect(await pipeline.scan([early, late], false)).toMatchObject({ fromUs: 10, toUs: 30 });
    await expect(pipeline.scan([late, early], false)).rejects.toThrow(
      `${early}: event 0: time goes backwards: recvUs 10 after 30, the last of ${late}`,
    );
    await expect(pipeline.scan([early, early], false)).rejects.toThrow(`${early}: event 0:`);
  });
});
