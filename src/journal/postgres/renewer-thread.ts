/**
 * The worker_threads entry of the lease renewer (see renewInThread): renews every lease the main
 * thread hands it, on connections of its own (one per database), so renewals go on while the main
 * thread is blocked by long synchronous work.
 */
import { parentPort } from 'node:worker_threads';
import type pg from 'pg';
import { LeaseCell } from './lease-cell.js';
import { RenewalLoop } from './lease-renewal.js';
import { MONOTONIC } from './monotonic.js';
import { connect, type PgTarget, pgClient } from './pg-target.js';
import type { RenewerReply, RenewerRequest } from './renewer-messages.js';

const port = parentPort;
if (port === null) throw new Error('the lease renewer runs only in a worker thread');
const reply = (message: RenewerReply): void => port.postMessage(message);

/** The connection to each database (by connection string); dropped when it fails, to reconnect. */
const clients = new Map<string, Promise<pg.Client>>();
const loops = new Map<number, RenewalLoop>();

function clientFor(target: PgTarget): Promise<pg.Client> {
  const key = target.connectionString;
  let client = clients.get(key);
  if (client === undefined) {
    const created = pgClient(target, 'lease-renewer');
    created.on('error', () => clients.delete(key));
    created.on('end', () => clients.delete(key));
    client = connect(created, target);
    client.catch(() => clients.delete(key));
    clients.set(key, client);
  }
  return client;
}

port.on('message', (request: RenewerRequest) => {
  if (request.kind === 'prepare') {
    const ready = (): void => reply({ kind: 'ready', id: request.id });
    clientFor(request.target).then(ready, ready);
  } else if (request.kind === 'renew') {
    const { id, target, lease, acquiredAt } = request;
    const loop = new RenewalLoop(
      () => clientFor(target),
      lease,
      new LeaseCell(request.cell),
      { clock: MONOTONIC, acquiredAt },
      () => reply({ kind: 'changed', id }),
    );
    loops.set(id, loop);
  } else if (request.kind === 'stop') {
    const loop = loops.get(request.id);
    loops.delete(request.id);
    void (loop?.stop() ?? Promise.resolve()).then(() => reply({ kind: 'stopped', id: request.id }));
  } else {
    void Promise.all([...loops.values()].map((loop) => loop.stop())).then(async () => {
      for (const client of clients.values()) {
        await client.then((connected) => connected.end()).catch(() => undefined);
      }
      port.close();
    });
  }
});
