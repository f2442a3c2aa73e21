import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { JournalFencedError } from '../../src/journal/journal-errors.js';
import { LeaseCell, LOST } from '../../src/journal/postgres/lease-cell.js';
import { RenewerThread } from '../../src/journal/postgres/lease-renewer.js';
import { LeaseHeldError } from '../../src/journal/postgres/lease-take.js';
import { MONOTONIC } from '../../src/journal/postgres/monotonic.js';
import { pgTarget } from '../../src/journal/postgres/pg-target.js';
import {
  PostgresJournal,
  type PostgresJournalOptions,
} from '../../src/journal/postgres/postgres-journal.js';
import { workerEntry } from '../../src/util/worker-thread.js';
import { pgReachable, usePgSchemas } from './backends.js';
import { entry } from './helpers.js';

const TTL = 400;
const HOLDER = fileURLToPath(new URL('./fixtures/hold-lease.ts', import.meta.url));
const RESERVER = fileURLToPath(new URL('./fixtures/reserve-renewer.ts', import.meta.url));
const opened: PostgresJournal[] = [];
const freshJournal = usePgSchemas();
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

async function open(url: string, options: PostgresJournalOptions = {}): Promise<PostgresJournal> {
  const journal = await PostgresJournal.open(url, options);
  opened.push(journal);
  return journal;
}

/** Blocks this thread's event loop for `ms`, as a long synchronous start does (no timer runs). */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // spin
  }
}

describe.skipIf(!pgReachable)('a PostgreSQL lease renewed off the main thread', () => {
  it('survives a main thread blocked for 2×TTL: the append after it commits, same epoch', async () => {
    const url = freshJournal().url;
    const journal = await open(url, { leaseTtlMs: TTL });
    await journal.append(entry('o1'));
    const { epoch } = journal.leaseStatus();
    busy(2 * TTL);
    expect(journal.leaseStatus().headroomMs).toBeGreaterThan(0);
    await expect(journal.append(entry('o2'))).resolves.toMatchObject({ duplicate: false });
    expect(journal.unavailable).toBeUndefined();
    expect(journal.leaseStatus()).toMatchObject({ epoch, fencedAppends: 0 });
    await expect(PostgresJournal.open(url, { leaseTtlMs: TTL })).rejects.toBeInstanceOf(
      LeaseHeldError,
    );
  });

  it('renewing on the main thread instead (real timers in-process), the same block fences it', async () => {
    const journal = await open(freshJournal().url, { leaseTtlMs: TTL, leaseTimers: MONOTONIC });
    await journal.append(entry('o1'));
    busy(2 * TTL);
    await expect(journal.append(entry('o2'))).rejects.toBeInstanceOf(JournalFencedError);
    expect(journal.leaseStatus().fencedAppends).toBe(1);
  });

  it('a stopped process (SIGSTOP) stops renewing: its lease expires, another takes it, it is fenced', async () => {
    const url = freshJournal().url;
    const child = spawn(process.execPath, ['--import', 'tsx', HOLDER, url, String(TTL)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = once(child, 'exit');
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    try {
      expect((await lines.next()).value).toBe('held 1');
      child.kill('SIGSTOP');
      const next = await open(url, { leaseTtlMs: TTL, leaseWaitMs: 20 * TTL });
      expect(next.leaseStatus().epoch).toBe(2);
      child.kill('SIGCONT');
      expect((await lines.next()).value).toBe('fenced');
      await exited;
      await expect(next.append(entry('after'))).resolves.toMatchObject({ duplicate: false });
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);
});

describe('RenewerThread', () => {
  it('keeps no process alive: one whose renewer thread runs exits once it has nothing else to do', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', RESERVER, freshJournal().url], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const [code] = await once(child, 'exit');
    clearTimeout(timer);
    expect({ code, out }).toEqual({ code: 0, out: 'reserved\n' });
  }, 30_000);

  it('fails safe: when its thread crashes, every lease it renewed reads as lost', async () => {
    const thread = new RenewerThread(
      workerEntry(import.meta.url, './fixtures/crashing-renewer'),
      () => undefined,
    );
    const target = pgTarget('postgres://root@127.0.0.1:5432/test?schema=renewer_crash');
    const seat = await thread.reserve(target, 1);
    const cell = new LeaseCell();
    cell.extend(MONOTONIC.now() + 10_000);
    const changed = new Promise<void>((resolve) => {
      seat.renew(
        { schema: 'renewer_crash', shard: 0, owner: 'me', epoch: 1, ttlMs: 10_000 },
        { acquiredAt: MONOTONIC.now(), cell },
        resolve,
      );
    });
    await changed;
    expect(cell.lost).toBe(LOST.renewerFailed);
    expect(thread.open).toBe(false);
    await expect(thread.reserve(target, 2)).rejects.toThrow(/renewer thread stopped/);
  });
});
