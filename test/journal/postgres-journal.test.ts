import { hostname } from 'node:os';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { Journal } from '../../src/journal/journal.js';
import {
  JournalFencedError,
  JournalFileError,
  JournalUnavailableError,
} from '../../src/journal/journal-errors.js';
import { LeaseHeldError, type LeaseHolder } from '../../src/journal/postgres/lease-take.js';
import { checkPgJournal } from '../../src/journal/postgres/pg-check.js';
import {
  PostgresJournal,
  type PostgresJournalOptions,
} from '../../src/journal/postgres/postgres-journal.js';
import { PG_TEST_URL, pgReachable, usePgSchemas } from './backends.js';
import { entry } from './helpers.js';

const TTL = 400;
const opened: Journal[] = [];
const freshJournal = usePgSchemas();
afterEach(async () => {
  for (const journal of opened.splice(0)) await journal.close();
});

/** A URL to a schema of this test's own, with `extra` query parameters. */
function freshUrl(extra = ''): string {
  return freshJournal(extra).url;
}

async function open(url: string, options: PostgresJournalOptions = {}): Promise<PostgresJournal> {
  const journal = await PostgresJournal.open(url, options);
  opened.push(journal);
  return journal;
}

async function sql(query: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_TEST_URL });
  await client.connect();
  await client.query(query);
  await client.end();
}

describe.skipIf(!pgReachable)('PostgresJournal leases and fencing', () => {
  it('skips a duplicate idempotency key without reading it as fenced', async () => {
    const journal = await open(freshUrl());
    await journal.append(entry('o', 'fill', {}, 'venue:exec-1'));
    await expect(journal.append(entry('o', 'fill', {}, 'venue:exec-1'))).resolves.toEqual({
      sequence: 1,
      duplicate: true,
    });
    expect(journal.unavailable).toBeUndefined();
    expect(journal.leaseStatus()).toMatchObject({ epoch: 1, fencedAppends: 0 });
    await expect(journal.append(entry('o'))).resolves.toEqual({ sequence: 3, duplicate: false });
  });

  it('a second journal takes the lease once it expired; the first is fenced at its next append', async () => {
    const url = freshUrl();
    // The first journal's renewals run on a clock that never moves: it falls silent, as a
    // paused process would, while its own deadline (on that clock) never passes.
    const first = await open(url, { leaseTtlMs: TTL, leaseTimers: new VirtualClock(0) });
    await first.append(entry('o1'));
    // Refused at once (on frozen timers too: starting a renewer thread could outlast the TTL).
    await expect(
      PostgresJournal.open(url, { leaseTtlMs: TTL, leaseTimers: new VirtualClock(0) }),
    ).rejects.toBeInstanceOf(LeaseHeldError);
    const second = await open(url, { leaseTtlMs: TTL, leaseWaitMs: 10 * TTL });
    expect(second.leaseStatus().epoch).toBe(2);
    expect([...second.readFrom(1)].map((row) => row.orderId)).toEqual(['o1']);

    const refused = await first.append(entry('o2')).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(JournalFencedError);
    expect(first.unavailable).toBeInstanceOf(JournalFencedError);
    await expect(first.committed()).rejects.toBeInstanceOf(JournalFencedError);
    await expect(first.append(entry('o3'))).rejects.toBeInstanceOf(JournalFencedError);
    await expect(first.writeSnapshot([])).rejects.toBeInstanceOf(JournalFencedError);
    expect(first.leaseStatus().fencedAppends).toBe(2);

    await expect(second.append(entry('o4'))).resolves.toEqual({ sequence: 2, duplicate: false });
    expect((await checkPgJournal(url)).kinds).toEqual({ instruction_accepted: 2 });
  });

  it('stops at its local deadline when no renewal succeeded within 0.8·TTL', async () => {
    const timers = new VirtualClock(0);
    const journal = await open(freshUrl(), { leaseTtlMs: 10_000, leaseTimers: timers });
    const lost: unknown[] = [];
    await journal.append(entry('o1'));
    expect(journal.leaseStatus().headroomMs).toBe(8_000);
    timers.advance(8_000);
    expect(journal.unavailable).toBeInstanceOf(JournalFencedError);
    expect(journal.unavailable?.message).toMatch(/not renewed within 0.8/);
    await journal.append(entry('o2')).catch((error: unknown) => lost.push(error));
    expect(lost).toEqual([expect.any(JournalFencedError)]);
    expect(journal.leaseStatus()).toMatchObject({ headroomMs: 0, fencedAppends: 1 });
  });

  it('renews its lease every TTL/4, so an owner that keeps running keeps it', async () => {
    const url = freshUrl();
    const owner = await open(url, { leaseTtlMs: TTL });
    await new Promise((resolve) => setTimeout(resolve, 3 * TTL));
    await expect(PostgresJournal.open(url, { leaseTtlMs: TTL })).rejects.toBeInstanceOf(
      LeaseHeldError,
    );
    expect(owner.unavailable).toBeUndefined();
    expect(owner.leaseStatus().headroomMs).toBeGreaterThan(0);
    await expect(owner.append(entry('o'))).resolves.toMatchObject({ duplicate: false });
  });
});

describe.skipIf(!pgReachable)('PostgresJournal waiting for a lease (a standby)', () => {
  it('hears who holds the lease at each look, until a signal ends the wait', async () => {
    const url = freshUrl();
    await open(url, { leaseTtlMs: TTL });
    const looks: LeaseHolder[] = [];
    const abort = new AbortController();
    const waiting = PostgresJournal.open(url, {
      leaseTtlMs: TTL,
      leaseWaitMs: Number.POSITIVE_INFINITY,
      leaseSignal: abort.signal,
      onLeaseHeld: (holder) => {
        looks.push(holder);
        // More looks than one TTL holds: the owner renews, so the lease never expires.
        if (looks.length === 6) abort.abort();
      },
    });
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
    const owner = new RegExp(`^${hostname()}:${process.pid}:`);
    for (const look of looks) {
      expect(look.owner).toMatch(owner);
      expect(look.leftMs).toBeLessThanOrEqual(TTL);
    }
  });

  it('takes the lease at its next look after the owner released it, one epoch later', async () => {
    const url = freshUrl();
    // A long TTL: only the release lets the waiting journal in before the test's timeout.
    const ttl = 60_000;
    const owner = await open(url, { leaseTtlMs: ttl });
    await owner.append(entry('o1'));
    const waiting = open(url, {
      leaseTtlMs: TTL,
      leaseWaitMs: Number.POSITIVE_INFINITY,
      onLeaseHeld: () => void owner.close(),
    });
    const standby = await waiting;
    expect(standby.leaseStatus().epoch).toBe(2);
    expect([...standby.readFrom(1)].map((row) => row.orderId)).toEqual(['o1']);
  });
});

describe.skipIf(!pgReachable)('PostgresJournal when the database fails it', () => {
  it('becomes unavailable (not fenced) and lets its lease go, so another owner need not wait', async () => {
    const { url, schema } = freshJournal();
    const journal = await open(url, { leaseTtlMs: 60_000 });
    await journal.append(entry('o1'));
    await sql(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'exo:${schema}:writer'`,
    );
    const error = await journal.append(entry('o2')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalUnavailableError);
    expect(error).not.toBeInstanceOf(JournalFencedError);
    await expect(journal.append(entry('o3'))).rejects.toBe(error);
    expect(journal.leaseStatus().fencedAppends).toBe(0);
    // The lease (60 s) was released: the next owner takes it at once.
    await expect
      .poll(async () => {
        const next = await PostgresJournal.open(url).catch(() => undefined);
        if (next !== undefined) opened.push(next);
        return next?.leaseStatus().epoch;
      })
      .toBe(2);
  });
});

describe.skipIf(!pgReachable)('PostgresJournal at open', () => {
  it('refuses a schema of another version, naming both', async () => {
    const { url, schema } = freshJournal();
    await (await PostgresJournal.open(url)).close();
    await sql(`UPDATE ${schema}.journal_meta SET value = 99 WHERE key = 'schema_version'`);
    const error = await PostgresJournal.open(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalFileError);
    expect((error as Error).message).toMatch(/schema version 99; this exo reads only version 2/);
  });

  it('refuses a server that acknowledges commits before they are durable, unless accepted', async () => {
    const off = '&options=-c%20synchronous_commit%3Doff';
    const error = await PostgresJournal.open(freshUrl(off)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalFileError);
    expect((error as Error).message).toMatch(/synchronous_commit is off/);
    const accepted = await open(freshUrl(`${off}&allow_async_commit=true`));
    expect(accepted.warning).toMatch(/^WARNING: synchronous_commit is off/);
  });

  it('never shows the password of its URL, in its path or in an error', async () => {
    const url = 'postgres://root:sekret-pw@127.0.0.1:1/test';
    const error = await PostgresJournal.open(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalFileError);
    expect(String(error)).toContain('postgres://root:***@127.0.0.1:1/test');
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toContain('sekret');
  });
});
