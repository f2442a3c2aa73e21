import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeFix } from '../src/fix/encode.js';
import { FixStore, type FsyncPolicy } from '../src/fix/store.js';
import { type BenchResult, median, nsPerOp } from './report.js';

const ROUNDS = 3;

/**
 * Per-message cost of the FIX session store: recording a sent ExecutionReport-sized message
 * without fsync, with an fsync per message, and with an fsync per 100 ('batch' policy).
 */
export async function fixStore(): Promise<BenchResult[]> {
  const raw = encodeFix([
    [35, '8'],
    [49, 'VENUE'],
    [56, 'EXO'],
    [34, '1'],
    [52, '20261206-03:22:00.123'],
    [37, 'VENUE-ORDER-123456'],
    [11, 'EXO1A2B3C4D5E6F7G8H9'],
    [17, 'EXEC-987654321'],
    [150, 'F'],
    [39, '1'],
    [32, '0.01'],
    [31, '98765.43'],
    [151, '0.11345678'],
    [14, '0.01'],
    [6, '98765.43'],
  ]);
  const results: BenchResult[] = [];
  for (const [label, policy, ops, syncEvery] of [
    ['no fsync', 'never', 100_000, 0],
    ['fsync each', 'always', 2_000, 0],
    ['fsync per 100', 'batch', 50_000, 100],
  ] as const) {
    const runs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) runs.push(appendRun(policy, ops, syncEvery, raw));
    results.push({
      bench: 'fix-store',
      mode: label,
      ns_per_message: median(runs),
      ops: ops * ROUNDS,
    });
  }
  return results;
}

function appendRun(policy: FsyncPolicy, ops: number, syncEvery: number, raw: Buffer): number {
  const dir = mkdtempSync(join(tmpdir(), 'exo-bench-fix-store-'));
  const store = FixStore.open(join(dir, 'session.store'), policy);
  const start = process.hrtime.bigint();
  for (let seq = 1; seq <= ops; seq++) {
    store.recordSent(seq, raw);
    if (syncEvery > 0 && seq % syncEvery === 0) store.sync();
  }
  const ns = nsPerOp(start, ops);
  store.close();
  rmSync(dir, { recursive: true });
  return ns;
}
