import { setImmediate as nextTurn } from 'node:timers/promises';
import type pg from 'pg';
import { JournalEntryError } from '../journal-errors.js';
import type {
  JournalSnapshot,
  SnapshotInfo,
  SnapshotOrder,
  SnapshotPoint,
} from '../journal-snapshot.js';
import { parseBody, stringifyBody } from '../json-body.js';
import { type Fence, fencedTransaction } from './pg-append.js';

/**
 * Writes snapshots to PostgreSQL as SqliteJournal's SnapshotTables does to SQLite: a header,
 * the orders a chunk per transaction (a turn yielded between), then the header marked complete
 * and older snapshots deleted; every transaction is fenced (`fence` is asked anew for each, so closing stops it), so a stale owner cannot complete one.
 */
export async function writePgSnapshot(
  client: pg.Client,
  schema: string,
  fence: () => Fence,
  point: SnapshotPoint,
  orders: readonly SnapshotOrder[],
): Promise<{ info: SnapshotInfo; snapshot: JournalSnapshot }> {
  const seen = new Set<string>();
  for (const order of orders) {
    if (seen.has(order.orderId)) {
      throw new JournalEntryError('orders', `order ${JSON.stringify(order.orderId)} appears twice`);
    }
    seen.add(order.orderId);
  }
  const { shard } = fence();
  const inTransaction = <T>(work: () => Promise<T>): Promise<T> =>
    fencedTransaction(client, schema, fence(), work);
  const id = await inTransaction(async () => {
    const header = await client.query<{ id: number }>(
      `INSERT INTO ${schema}.snapshots (shard, covers_sequence, time, order_count)
       VALUES ($1, $2, $3, $4) RETURNING id`,
      [shard, point.coversSequence, point.time, orders.length],
    );
    return header.rows[0]!.id;
  });
  const states: { orderId: string; body: string }[] = [];
  for (let start = 0; start < orders.length; start += point.chunkSize) {
    await nextTurn();
    const chunk = orders.slice(start, start + point.chunkSize).map((order) => ({
      orderId: order.orderId,
      body: stringifyBody(order.body, `orders[${JSON.stringify(order.orderId)}].body`),
    }));
    await inTransaction(() =>
      client.query(
        `INSERT INTO ${schema}.snapshot_orders (snapshot_id, order_id, body)
         SELECT $1, o, b FROM unnest($2::text[], $3::text[]) AS r(o, b)`,
        [id, chunk.map((order) => order.orderId), chunk.map((order) => order.body)],
      ),
    );
    states.push(...chunk);
  }
  await inTransaction(async () => {
    await client.query(`UPDATE ${schema}.snapshots SET complete = true WHERE id = $1`, [id]);
    await client.query(
      `DELETE FROM ${schema}.snapshot_orders WHERE snapshot_id IN
         (SELECT id FROM ${schema}.snapshots WHERE shard = $1 AND id < $2)`,
      [shard, id],
    );
    await client.query(`DELETE FROM ${schema}.snapshots WHERE shard = $1 AND id < $2`, [shard, id]);
  });
  states.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
  return {
    info: { id, coversSequence: point.coversSequence, orders: orders.length },
    snapshot: {
      id,
      coversSequence: point.coversSequence,
      time: point.time,
      orders: states.map((state) => ({ orderId: state.orderId, body: parseBody(state.body) })),
    },
  };
}
