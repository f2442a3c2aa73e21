import { join } from 'node:path';
import pg from 'pg';
import { afterEach } from 'vitest';
import type { Clock } from '../../src/core/clock.js';
import { checkJournal, type JournalCheckReport } from '../../src/journal/check-journal.js';
import type { Journal } from '../../src/journal/journal.js';
import { checkPgJournal } from '../../src/journal/postgres/pg-check.js';
import { PostgresJournal } from '../../src/journal/postgres/postgres-journal.js';
import { type JournalCommit, SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { useTempDir } from './helpers.js';

/** The database the PostgreSQL tests use: `EXO_TEST_PG_URL`, or the loopback's `test`. */
export const PG_TEST_URL = process.env.EXO_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_TEST_URL, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether PostgreSQL answers at PG_TEST_URL. When it does not, its tests are skipped with a
 * message saying so, except under CI (`CI` or `EXO_REQUIRE_PG` set, as `.ci/run` does), where
 * that is an error: there they must run.
 */
export const pgReachable = await reachable();
if (!pgReachable) {
  const message = `PostgreSQL unreachable at ${PG_TEST_URL}: the PostgreSQL journal tests are skipped`;
  if (process.env.CI !== undefined || process.env.EXO_REQUIRE_PG !== undefined)
    throw new Error(`${message} (not allowed under CI)`);
  console.warn(message);
}

/** What a test may ask of a journal it opens. */
export interface TestJournalOptions {
  readonly clock?: Clock;
  readonly onCommit?: (commit: JournalCommit) => void;
}

/** One journal's storage for one test: opened and reopened on the same rows. */
export interface JournalStore {
  open(options?: TestJournalOptions): Promise<Journal>;
  check(): Promise<JournalCheckReport>;
}

/** A journal implementation the suite runs against. */
export interface JournalBackend {
  readonly name: string;
  readonly skip: boolean;
  /**
   * Real milliseconds to give a commit's round trip for each virtual millisecond a test lets
   * pass: 0 for SQLite, whose commits finish within the turn; a few for PostgreSQL's socket.
   */
  readonly ioPauseMs: number;
  /** A fresh, empty store (a file in a temp directory, or a schema of its own). */
  store(): JournalStore;
}

let schemas = 0;

/**
 * SQLite and PostgreSQL, for `describe.each`. Each PostgreSQL store is a schema of its own,
 * dropped after the test, so tests never see each other's rows.
 */
export function useJournalBackends(): JournalBackend[] {
  const tempDir = useTempDir();
  const freshUrl = usePgSchemas();
  const created: string[] = [];
  afterEach(async () => {
    if (created.length === 0) return;
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    for (const schema of created.splice(0))
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
  });
  return [
    {
      name: 'sqlite',
      skip: false,
      ioPauseMs: 0,
      store() {
        const path = join(tempDir(), 'j.db');
        return {
          open: async (options = {}) => SqliteJournal.open(path, options),
          check: async () => checkJournal(path),
        };
      },
    },
    {
      name: 'postgres',
      skip: !pgReachable,
      ioPauseMs: 3,
      store() {
        const { url } = freshUrl();
        return {
          open: (options = {}) => PostgresJournal.open(url, options),
          check: () => checkPgJournal(url),
        };
      },
    },
  ];
}

/** A journal URL, with its schema, that no other test uses. */
export interface PgJournalUrl {
  readonly url: string;
  readonly schema: string;
}

/**
 * URLs to PostgreSQL journals in schemas of their own (`extra` appended to the query), each
 * dropped after the test.
 */
export function usePgSchemas(): (extra?: string) => PgJournalUrl {
  const created: string[] = [];
  afterEach(async () => {
    if (created.length === 0) return;
    const client = new pg.Client({ connectionString: PG_TEST_URL });
    await client.connect();
    for (const schema of created.splice(0)) {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    await client.end();
  });
  return (extra = '') => {
    const schema = `t_${process.pid}_${++schemas}_${Math.random().toString(36).slice(2, 8)}`;
    created.push(schema);
    const url = `${PG_TEST_URL}${PG_TEST_URL.includes('?') ? '&' : '?'}schema=${schema}${extra}`;
    return { url, schema };
  };
}
