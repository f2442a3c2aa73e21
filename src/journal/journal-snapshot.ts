import type Database from 'better-sqlite3';
import { crashPoint } from '../util/crash-points.js';
import type { ChunkedWriter } from './chunked-writer.js';
import { JournalEntryError } from './journal-errors.js';
import type { JsonValue } from './journal-row.js';
import { parseBody, stringifyBody } from './json-body.js';

/** One live order's state handed to a snapshot; `body` is anything `JSON.stringify` writes. */
export interface SnapshotOrder {
  readonly orderId: string;
  readonly body: unknown;
}

/** One live order's state as a snapshot reads back. */
export interface SnapshotOrderState {
  readonly orderId: string;
  readonly body: JsonValue;
}

/** A complete snapshot: the live orders' states after every row up to `coversSequence`. */
export interface JournalSnapshot {
  readonly id: number;
  /** Recovery applies the rows after this sequence to these states. */
  readonly coversSequence: number;
  readonly time: number;
  readonly orders: readonly SnapshotOrderState[];
}

/** What a finished snapshot wrote. */
export interface SnapshotInfo {
  readonly id: number;
  readonly coversSequence: number;
  readonly orders: number;
}

/** Where a snapshot is taken: the sequence it covers, its time, and how big its chunks are. */
export interface SnapshotPoint {
  readonly coversSequence: number;
  readonly time: number;
  readonly chunkSize: number;
}

/**
 * The snapshot tables. A snapshot is a header row plus one row per order, written in chunks and
 * marked complete by its last transaction; readers see only complete ones, so a snapshot cut
 * short by a crash is ignored, and the next complete one deletes it with the older ones.
 */
export class SnapshotTables {
  readonly #begin: Database.Statement<[number, number, number]>;
  readonly #insert: Database.Statement<[number, string, string]>;
  readonly #complete: Database.Statement<[number]>;
  readonly #dropOrders: Database.Statement<[number, number]>;
  readonly #dropHeaders: Database.Statement<[number]>;
  readonly #latest: Database.Statement<[], { id: number; covers_sequence: number; time: number }>;
  readonly #orders: Database.Statement<[number], { order_id: string; body: string }>;

  constructor(db: Database.Database) {
    this.#begin = db.prepare(
      'INSERT INTO snapshots (covers_sequence, time, order_count) VALUES (?, ?, ?)',
    );
    this.#insert = db.prepare(
      'INSERT INTO snapshot_orders (snapshot_id, order_id, body) VALUES (?, ?, ?)',
    );
    this.#complete = db.prepare('UPDATE snapshots SET complete = 1 WHERE id = ?');
    this.#dropOrders = db.prepare(
      `DELETE FROM snapshot_orders WHERE rowid IN
         (SELECT rowid FROM snapshot_orders WHERE snapshot_id < ? LIMIT ?)`,
    );
    this.#dropHeaders = db.prepare('DELETE FROM snapshots WHERE id < ?');
    this.#latest = db.prepare(
      'SELECT id, covers_sequence, time FROM snapshots WHERE complete = 1 ORDER BY id DESC LIMIT 1',
    );
    this.#orders = db.prepare(
      'SELECT order_id, body FROM snapshot_orders WHERE snapshot_id = ? ORDER BY order_id',
    );
  }

  /**
   * Writes `orders` as a snapshot covering `point.coversSequence`, `point.chunkSize` orders per
   * transaction, then marks it complete and deletes every earlier snapshot, also in chunks.
   * Bodies are serialized chunk by chunk, so they must not change after the call (immutable
   * order snapshots are). A duplicate order ID or an unserializable body refuses the snapshot.
   */
  async write(
    writer: ChunkedWriter,
    point: SnapshotPoint,
    orders: readonly SnapshotOrder[],
  ): Promise<SnapshotInfo> {
    refuseDuplicates(orders);
    const id = writer.transaction(() =>
      Number(this.#begin.run(point.coversSequence, point.time, orders.length).lastInsertRowid),
    );
    for (let start = 0; start < orders.length; start += point.chunkSize) {
      await writer.yieldTurn();
      const chunk = orders.slice(start, start + point.chunkSize).map(serialize);
      writer.transaction(() => {
        for (const [orderId, body] of chunk) this.#insert.run(id, orderId, body);
      });
      crashPoint('mid-snapshot');
    }
    writer.transaction(() => this.#complete.run(id));
    await this.#dropBefore(writer, id, point.chunkSize);
    return { id, coversSequence: point.coversSequence, orders: orders.length };
  }

  /** The sequence the newest complete snapshot covers, without reading its orders. */
  latestCovers(): number | undefined {
    return this.#latest.get()?.covers_sequence;
  }

  /** The newest complete snapshot, with its orders in order-ID order; none before the first. */
  latest(): JournalSnapshot | undefined {
    const header = this.#latest.get();
    if (header === undefined) return undefined;
    const orders = this.#orders.all(header.id).map((row) => ({
      orderId: row.order_id,
      body: parseBody(row.body),
    }));
    return { id: header.id, coversSequence: header.covers_sequence, time: header.time, orders };
  }

  async #dropBefore(writer: ChunkedWriter, id: number, chunkSize: number): Promise<void> {
    for (;;) {
      await writer.yieldTurn();
      const dropped = writer.transaction(() => this.#dropOrders.run(id, chunkSize).changes);
      if (dropped < chunkSize) break;
    }
    writer.transaction(() => this.#dropHeaders.run(id));
  }
}

function refuseDuplicates(orders: readonly SnapshotOrder[]): void {
  const seen = new Set<string>();
  for (const order of orders) {
    if (seen.has(order.orderId)) {
      throw new JournalEntryError('orders', `order ${JSON.stringify(order.orderId)} appears twice`);
    }
    seen.add(order.orderId);
  }
}

function serialize(order: SnapshotOrder): [string, string] {
  const body = stringifyBody(order.body, `orders[${JSON.stringify(order.orderId)}].body`);
  return [order.orderId, body];
}
