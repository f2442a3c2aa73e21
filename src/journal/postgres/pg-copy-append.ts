import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { AppendResult } from '../journal-row.js';
import type { PendingRow } from '../row-writer.js';
import { COPY_COLUMNS, copyTextRows } from './copy-text.js';
import type { Fence } from './pg-append.js';
import { appendResults, fencedError, fencedInsertSql } from './pg-fenced-insert.js';

/** The per-connection staging table a COPY fills; emptied at each commit. */
const STAGING = 'pg_temp.exo_journal_copy';

/**
 * The fenced batch append for large batches: in one transaction, COPY streams the rows into a
 * temporary staging table (text format, see copyTextRows), then one statement locks the lease
 * row `FOR SHARE` only if it still holds this epoch and owner and moves the rows into the
 * journal through that lock, in sequence order, skipping duplicate idempotency keys. No lease row
 * means fenced: the transaction rolls back and nothing is written. Results, duplicates included,
 * are reported exactly as the unnest path reports them (appendResults).
 */
export class PgCopyAppender {
  readonly #client: pg.Client;
  readonly #schema: string;
  readonly #move: string;
  #staged = false;

  constructor(client: pg.Client, schema: string) {
    this.#client = client;
    this.#schema = schema;
    this.#move = fencedInsertSql(schema, `${STAGING} AS r`);
  }

  /** Writes `rows` (in sequence order, at least one) under `fence`; throws JournalFencedError. */
  async write(rows: readonly PendingRow[], fence: Fence): Promise<AppendResult[]> {
    if (!this.#staged) {
      await this.#client.query(
        `CREATE TEMP TABLE IF NOT EXISTS exo_journal_copy (sequence bigint NOT NULL,
          time bigint NOT NULL, order_id text NOT NULL, kind text NOT NULL,
          idempotency_key text NOT NULL, body text NOT NULL) ON COMMIT DELETE ROWS`,
      );
      this.#staged = true;
    }
    await this.#client.query('BEGIN');
    let outcome: { leased: number; written: number };
    try {
      await pipeline(
        Readable.from([copyTextRows(rows)]),
        this.#client.query(copyFrom(`COPY ${STAGING} ${COPY_COLUMNS} FROM STDIN`)),
      );
      const moved = await this.#client.query<{ leased: number; written: number }>(this.#move, [
        fence.shard,
        fence.owner,
        fence.epoch,
      ]);
      outcome = moved.rows[0]!;
      if (outcome.leased === 0) throw fencedError(fence);
      await this.#client.query('COMMIT');
    } catch (error) {
      await this.#client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    return appendResults(this.#client, this.#schema, rows, fence, {
      leased: true,
      written: outcome.written,
    });
  }
}
