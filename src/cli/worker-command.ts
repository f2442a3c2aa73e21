import type { Engine } from '../engine/engine.js';
import { JournalFileError, JournalSchemaError } from '../journal/journal-errors.js';
import { createLogger } from '../server/logger.js';
import { EXIT } from './exit-status.js';
import { reloadLimits, warnWithoutLimits } from './limits-reload.js';
import type { CommandIO } from './main.js';
import { ConfigError } from './options.js';
import { runShard } from './shard-run.js';
import { parseWorkerCommand } from './worker-config.js';
import { WORKER_HELP } from './worker-help.js';
import { prepareShardedJournal } from './worker-schema.js';

/**
 * `exo worker --journal postgres://… --shards all|0-7 [--shard-count N]`: one process serving
 * shards of a sharded PostgreSQL journal, each as its own engine and HTTP server on a free port
 * (see runShard), all concurrently. A signal stops every shard cleanly (their leases released);
 * a shard whose start fails stops the others, and the worker exits with that shard's status.
 * SIGHUP reads the `--limits` file again for every shard serving.
 */
export async function runWorkerCommand(argv: readonly string[], io: CommandIO): Promise<number> {
  let command: ReturnType<typeof parseWorkerCommand>;
  try {
    command = parseWorkerCommand(argv, io.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`exo worker: ${error.message} (exo worker --help lists the options)\n`);
    return EXIT.usage;
  }
  if (command.kind === 'help') {
    io.stdout.write(WORKER_HELP);
    return EXIT.ok;
  }
  const { config, shards, shardCount } = command.worker;
  try {
    await prepareShardedJournal(config.journal, shardCount);
  } catch (error) {
    if (!(error instanceof JournalFileError || error instanceof JournalSchemaError)) throw error;
    io.stderr.write(`exo worker: ${error.message}\n`);
    return EXIT.journal;
  }
  let fail: (status: number) => void = () => {};
  const stop = new Promise<NodeJS.Signals | 'failed'>((resolve) => {
    io.onSignal(resolve);
    fail = () => resolve('failed');
  });
  const logger = await createLogger({ level: config.logLevel, pretty: io.stdout.isTTY === true });
  logger.info({ shards, shardCount }, 'exo worker starting');
  const serving = new Set<Engine>();
  const stopWarning = config.noRiskLimits ? warnWithoutLimits(logger) : undefined;
  const stopReloads = io.onReload?.(() => {
    for (const engine of serving) void reloadLimits(engine, config.limits?.file, logger);
  });
  const statuses = await Promise.all(
    shards.map(async (index) => {
      const status = await runShard({
        config,
        place: { index, count: shardCount },
        logger,
        stderr: io.stderr,
        stop,
        serving,
      });
      if (status !== EXIT.ok) fail(status);
      return status;
    }),
  );
  stopWarning?.();
  stopReloads?.();
  logger.info('exo worker stopped');
  return Math.max(...statuses);
}
