import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ReplayFactory } from '../replay/replay-engine.js';
import { ReplayFlagError } from './replay-flags.js';

/**
 * A user's delegates for `exo replay --factory MODULE`: the module's `createFactory` (given the
 * built-in take/peg/twap factory and the engine's setup, it returns the factory replay builds
 * delegates with, wrapping the built-ins or replacing them) and `algos`, the algorithm names it
 * builds (what orders may name).
 */
export interface UserFactory {
  readonly createFactory: ReplayFactory;
  readonly algos: readonly string[];
}

/**
 * Imports the module at `file` (an ESM file, resolved from the working directory) and checks its
 * exports; a ReplayFlagError names the file and what is missing. The one place exo loads a user's
 * code by path, so the one computed import the architecture test allows.
 */
export async function loadUserFactory(file: string): Promise<UserFactory> {
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new ReplayFlagError(
      `--factory: ${file}: cannot import it (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
  const { createFactory, algos } = module;
  if (typeof createFactory !== 'function') {
    throw new ReplayFlagError(
      `--factory: ${file}: exports no createFactory(reference, setup) function`,
    );
  }
  if (
    !Array.isArray(algos) ||
    algos.length === 0 ||
    !algos.every((name) => typeof name === 'string')
  ) {
    throw new ReplayFlagError(
      `--factory: ${file}: exports no algos (the algorithm names it builds, a non-empty string array)`,
    );
  }
  return { createFactory: createFactory as ReplayFactory, algos: algos as string[] };
}
