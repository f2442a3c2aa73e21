import pg from 'pg';
import { JournalFileError } from '../journal-errors.js';

/** The schema the journal's tables live in unless the URL names another (`?schema=`). */
export const DEFAULT_PG_SCHEMA = 'exo';

/** Whether `journal` names a PostgreSQL journal rather than a SQLite file. */
export function isPostgresUrl(journal: string): boolean {
  return /^postgres(ql)?:\/\//i.test(journal);
}

/**
 * Where a PostgreSQL journal lives and how it behaves, read from its URL. exo's own query
 * parameters (`schema`, `lease_ms`, `allow_async_commit`) are taken out before the rest goes to
 * the driver; `display` is the URL with any password masked, the only form that may be printed.
 */
export interface PgTarget {
  readonly connectionString: string;
  readonly schema: string;
  readonly display: string;
  readonly leaseTtlMs: number | undefined;
  readonly allowAsyncCommit: boolean;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * Reads a `postgres://` URL; throws a JournalFileError naming the bad parameter (never the
 * password).
 */
export function pgTarget(url: string): PgTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new JournalFileError('postgres URL', 'not a valid postgres:// URL');
  }
  const params = parsed.searchParams;
  const schema = params.get('schema') ?? DEFAULT_PG_SCHEMA;
  if (!SCHEMA_NAME.test(schema)) {
    throw new Error(
      `schema: expected lower-case letters, digits and _, got ${JSON.stringify(schema)}`,
    );
  }
  const lease = params.get('lease_ms');
  const leaseTtlMs = lease === null ? undefined : Number(lease);
  if (leaseTtlMs !== undefined && !(Number.isSafeInteger(leaseTtlMs) && leaseTtlMs >= 100)) {
    throw new JournalFileError(
      'postgres URL',
      `lease_ms: expected an integer of at least 100, got ${JSON.stringify(lease)}`,
    );
  }
  const allow = params.get('allow_async_commit');
  if (allow !== null && allow !== 'true' && allow !== 'false') {
    throw new JournalFileError(
      'postgres URL',
      `allow_async_commit: expected true or false, got ${JSON.stringify(allow)}`,
    );
  }
  for (const name of ['schema', 'lease_ms', 'allow_async_commit']) params.delete(name);
  const display = new URL(parsed.href);
  if (display.password !== '') display.password = '***';
  return {
    connectionString: parsed.href,
    schema,
    display: display.href,
    leaseTtlMs,
    allowAsyncCommit: allow === 'true',
  };
}

const INT8 = 20;

/**
 * A client that reads `bigint` columns as numbers (sequences, epochs and times stay well within
 * 2^53) instead of the driver's strings; its own type table, so no other client is affected.
 * `role` names its job in `pg_stat_activity` (`exo:SCHEMA:ROLE`), for an operator to find it.
 */
export function pgClient(target: PgTarget, role: string): pg.Client {
  return new pg.Client({
    connectionString: target.connectionString,
    application_name: `exo:${target.schema}:${role}`,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8
          ? Number
          : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
    },
  });
}

/** Connects `client`; a JournalFileError names the target (password masked) when it cannot. */
export async function connect(client: pg.Client, target: PgTarget): Promise<pg.Client> {
  try {
    await client.connect();
  } catch (error) {
    throw new JournalFileError(target.display, `cannot connect: ${messageOf(error)}`);
  }
  client.on('error', () => undefined);
  return client;
}

/** An error's message, or the value as text. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
