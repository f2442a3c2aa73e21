import type { Logger } from 'pino';
import type { Engine } from '../engine/engine.js';
import { JournalFencedError, type JournalUnavailableError } from '../journal/journal-errors.js';
import { PostgresJournal } from '../journal/postgres/postgres-journal.js';
import type { ShardPlace } from '../shards/shard-place.js';
import type { ExoConfig } from './config.js';
import { startEngine } from './engine-start.js';
import { EXIT } from './exit-status.js';
import { Standby } from './standby.js';

/** What one shard of `exo worker` runs with. */
export interface ShardRunOptions {
  /** exo's options (the port 0: each shard listens on a free one). */
  readonly config: ExoConfig;
  readonly place: ShardPlace;
  /** The worker's logger: the shard logs through a child of it naming the shard. */
  readonly logger: Logger;
  readonly stderr: NodeJS.WritableStream;
  /** Settles when the worker stops (a signal, or another shard failing to start). */
  readonly stop: Promise<unknown>;
  /** The engines serving now, one per shard: a SIGHUP reloads the limits of each. */
  readonly serving: Set<Engine>;
}

/**
 * Runs one shard of a worker until it stops: waits for the shard's lease as a standby does, then
 * the one start sequence of an engine (startEngine) for that shard, then advertises the server's
 * URL in the lease row, where the gateway finds it. A shard whose journal becomes unavailable
 * (its lease lost, fenced by another worker or past its local deadline; or its database
 * connection failed, which lets the lease go) closes its server, so that nothing answers there
 * any longer, and stands by for the lease again. Resolves with the exit status: 0 once stopped, another when its start failed.
 */
export async function runShard(options: ShardRunOptions): Promise<number> {
  const { config, place, stop, stderr, serving } = options;
  const logger = options.logger.child({ shard: place.index });
  const label = `exo worker: shard ${place.index}`;
  const stopped = stop.then((signal) => ({ signal }));
  for (;;) {
    let fenced: JournalUnavailableError | undefined;
    let lose: (error: JournalUnavailableError) => void = () => {};
    const lost = new Promise<{ lost: JournalUnavailableError }>((resolve) => {
      lose = (error) => {
        fenced = error;
        resolve({ lost: error });
      };
    });
    const started = await startEngine({
      config,
      logger,
      stderr,
      label,
      stop,
      standby: new Standby(logger, stop),
      shard: place,
      onJournalUnavailable: lose,
    });
    if (started.kind === 'ended') {
      // A lease lost while starting (recovery fenced, say) is no failure of the worker.
      if (started.leaseLost !== true && fenced === undefined) return started.status;
      logger.warn('lease lost while starting: standing by again');
      continue;
    }
    const { server, journal } = started;
    // A database gone at this moment reads as a lease lost: the shard stands by again.
    const advertised =
      journal instanceof PostgresJournal &&
      (await journal.advertise(server.url).catch(() => false));
    if (advertised) {
      serving.add(server.engine);
      logger.info(
        { url: server.url, symbols: server.engine.symbols, venue: started.shownVenue },
        'shard serving',
      );
      stderr.write(`${label}: serving at ${server.url}\n`);
    }
    const end = advertised
      ? await Promise.race([stopped, lost])
      : { lost: new JournalFencedError('the lease was lost before the address was advertised') };
    serving.delete(server.engine);
    if ('signal' in end) {
      logger.info(
        { signal: end.signal, liveOrders: server.engine.dispatcher.size },
        'exo stopping',
      );
      await started.close();
      logger.info({ cleanedUp: server.engine.cleanedUp }, 'exo stopped');
      return EXIT.ok;
    }
    logger.warn(
      { err: end.lost },
      'lease lost: the shard is no longer served here; its server closes and it stands by again',
    );
    await started.close();
  }
}
