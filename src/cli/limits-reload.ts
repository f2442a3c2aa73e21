import type { Logger } from 'pino';
import type { Engine } from '../engine/engine.js';
import { LimitsFileError } from '../risk/limits-error.js';
import { readLimitsFile } from '../risk/limits-file.js';

/** How often `--no-risk-limits` is warned of again while exo runs. */
export const NO_LIMITS_WARNING_MS = 3_600_000;

/**
 * SIGHUP's reload: reads `file` again and puts its limits in force (journaled as `sighup`). A
 * file that cannot be used, or a journal that cannot write, keeps the old limits and logs one
 * line saying why; without a `--limits` file there is nothing to reload, and the log says so.
 */
export async function reloadLimits(
  engine: Engine,
  file: string | undefined,
  logger: Logger,
): Promise<void> {
  if (file === undefined) {
    logger.warn('SIGHUP: no --limits file to reload');
    return;
  }
  try {
    await engine.changeLimits(readLimitsFile(file), 'sighup', file);
    logger.info({ file }, 'risk limits reloaded');
  } catch (error) {
    const reason = error instanceof LimitsFileError ? error.message : String(error);
    logger.error({ file }, `risk limits not reloaded, the old ones stay: ${reason}`);
  }
}

/** Logs that exo runs without risk limits, now and every hour until the returned stop. */
export function warnWithoutLimits(logger: Logger): () => void {
  const warn = (): void => {
    logger.warn('exo runs WITHOUT risk limits (--no-risk-limits): nothing checks what it sends');
  };
  warn();
  const timer = setInterval(warn, NO_LIMITS_WARNING_MS).unref();
  return () => clearInterval(timer);
}
