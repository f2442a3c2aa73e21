import type pg from 'pg';
import { JournalFileError } from '../journal/journal-errors.js';
import { connect, type PgTarget, pgClient } from '../journal/postgres/pg-target.js';

/** Who serves a shard now: the lease holder, its epoch, and the base URL it serves at. */
export interface ShardOwner {
  readonly shard: number;
  readonly owner: string;
  readonly epoch: number;
  /** The owner's base URL, such as `http://127.0.0.1:41234`. */
  readonly address: string;
}

/** Called when a shard's live owner changes (gains one, loses it, or another takes over). */
export type OwnerChange = (
  shard: number,
  previous: ShardOwner | undefined,
  next: ShardOwner | undefined,
) => void;

/** How often the lease table is read unless told. */
export const DEFAULT_REFRESH_MS = 250;

interface LeaseRow {
  readonly shard: number;
  readonly owner: string;
  readonly epoch: number;
  readonly address: string | null;
  readonly live: boolean;
}

/**
 * The schema holds no sharded journal yet: no worker has set it up. The gateway waits for one
 * (workers and gateway may start in any order).
 */
export class JournalNotSetUpError extends JournalFileError {}

/**
 * The gateway's view of who owns which shard, read from a journal's `journal_lease` table on its
 * own connection every `refreshMs` and at once when asked (after a forward failed). A shard has
 * a live owner when its lease has not expired by the database's clock and it carries an address
 * (written once the owner serves). The shard count is read once, from `journal_meta`: it is fixed
 * when a journal is set up. Holds nothing but the latest rows read.
 */
export class LeaseTable {
  #client: pg.Client;
  /** Set when a read failed: the next one starts on a new connection (the server may have failed over). */
  #broken = false;
  readonly #target: PgTarget;
  readonly #schema: string;
  readonly #shardCount: number;
  readonly #listeners: OwnerChange[] = [];
  #owners = new Map<number, ShardOwner>();
  #timer: NodeJS.Timeout | undefined;
  #inFlight: Promise<void> | undefined;
  #refreshes = 0;
  #readAt = Date.now();
  #closed = false;

  private constructor(client: pg.Client, target: PgTarget, shardCount: number) {
    this.#client = client;
    this.#target = target;
    this.#schema = target.schema;
    this.#shardCount = shardCount;
  }

  /**
   * Connects, reads the shard count and the leases once, then keeps reading every `refreshMs`.
   * Throws a JournalNotSetUpError (naming the URL, password masked) when the schema holds no
   * sharded journal yet.
   */
  static async open(target: PgTarget, refreshMs = DEFAULT_REFRESH_MS): Promise<LeaseTable> {
    const client = await connect(pgClient(target, 'gateway'), target);
    try {
      const found = await client.query<{ found: string | null }>(
        'SELECT to_regclass($1) AS found',
        [`${target.schema}.journal_meta`],
      );
      const count =
        found.rows[0]!.found === null
          ? undefined
          : (
              await client.query<{ value: number }>(
                `SELECT value FROM ${target.schema}.journal_meta WHERE key = 'shard_count'`,
              )
            ).rows[0]?.value;
      if (count === undefined) {
        throw new JournalNotSetUpError(
          target.display,
          `schema ${target.schema} holds no sharded journal (no shard_count): start a worker on it first`,
        );
      }
      const table = new LeaseTable(client, target, Number(count));
      await table.refresh();
      table.#timer = setInterval(() => void table.refresh().catch(() => undefined), refreshMs);
      table.#timer.unref();
      return table;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  }

  /** The journal's shard count. */
  get shardCount(): number {
    return this.#shardCount;
  }

  /** How many times the table was read. */
  get refreshes(): number {
    return this.#refreshes;
  }

  /** Milliseconds since the table was last read successfully. */
  get readAgeMs(): number {
    return Date.now() - this.#readAt;
  }

  /** The live owner of `shard`, if it has one. */
  owner(shard: number): ShardOwner | undefined {
    return this.#owners.get(shard);
  }

  /** Every shard with a live owner, by shard. */
  owners(): readonly ShardOwner[] {
    return [...this.#owners.values()].sort((a, b) => a.shard - b.shard);
  }

  /** Calls `listener` on every later change of a shard's live owner. */
  onChange(listener: OwnerChange): void {
    this.#listeners.push(listener);
  }

  /**
   * Reads the lease table now; a read already under way is joined rather than doubled. A failed
   * read keeps the previous view (the next one may succeed) and rejects.
   */
  refresh(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#inFlight ??= this.#read().finally(() => {
      this.#inFlight = undefined;
    });
    return this.#inFlight;
  }

  /** Stops reading and closes the connection. */
  async close(): Promise<void> {
    this.#closed = true;
    clearInterval(this.#timer);
    await this.#inFlight?.catch(() => undefined);
    await this.#client.end().catch(() => undefined);
  }

  async #read(): Promise<void> {
    if (this.#broken) {
      const old = this.#client;
      void old.end().catch(() => undefined);
      this.#client = await connect(pgClient(this.#target, 'gateway'), this.#target);
      this.#broken = false;
    }
    let rows: LeaseRow[];
    try {
      ({ rows } = await this.#client.query<LeaseRow>(
        `SELECT shard, owner, epoch, address, expires > now() AS live FROM ${this.#schema}.journal_lease`,
      ));
    } catch (error) {
      this.#broken = true;
      throw error;
    }
    this.#refreshes++;
    this.#readAt = Date.now();
    const next = new Map<number, ShardOwner>();
    for (const row of rows) {
      if (!row.live || row.address === null || row.shard >= this.#shardCount) continue;
      const { shard, owner, epoch, address } = row;
      next.set(shard, { shard, owner, epoch, address });
    }
    const previous = this.#owners;
    this.#owners = next;
    for (let shard = 0; shard < this.#shardCount; shard++) {
      const before = previous.get(shard);
      const after = next.get(shard);
      if (sameOwner(before, after)) continue;
      for (const listener of this.#listeners) listener(shard, before, after);
    }
  }
}

function sameOwner(a: ShardOwner | undefined, b: ShardOwner | undefined): boolean {
  return a?.epoch === b?.epoch && a?.address === b?.address && a?.owner === b?.owner;
}
