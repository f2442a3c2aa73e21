import type { Engine } from '../engine/engine.js';
import { toHttpError } from './http-error.js';

/**
 * Runs a journaled change of the engine's settings (its limits, a trading state) for a route:
 * intake must be open (503 `recovering` or `journal_unavailable` otherwise), and a journal that
 * fails while writing the change's row closes intake, so that failure is answered as such rather
 * than as a server error. Refusals become their HTTP errors.
 */
export async function journaledChange<T>(engine: Engine, change: () => Promise<T>): Promise<T> {
  try {
    engine.intake.assertOpen();
    return await change();
  } catch (error) {
    throw toHttpError(engine.intake.health().status !== 'ok' ? intakeClosed(engine) : error);
  }
}

/** The IntakeClosedError `assertOpen` throws now. */
function intakeClosed(engine: Engine): unknown {
  try {
    engine.intake.assertOpen();
  } catch (error) {
    return error;
  }
  return undefined;
}
