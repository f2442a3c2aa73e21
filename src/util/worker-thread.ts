import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * The URL of a worker entry module beside `base` (a module's `import.meta.url`), named without
 * its extension: `.ts` when the caller runs from source (tsx, vitest), `.js` when from dist/.
 */
export function workerEntry(base: string, name: string): URL {
  return new URL(`${name}${extname(fileURLToPath(base))}`, base);
}

/**
 * The code a worker starts with. From source, the worker registers tsx before importing the
 * entry (`--import tsx` in execArgv does not reach a worker's loader on Node 20); from dist/ it
 * imports the compiled entry directly. tsx is resolved here, beside this module: evaluated code
 * resolves bare names from the working directory, which may be outside the project.
 */
function bootCode(entry: URL): string {
  const load = `import(${JSON.stringify(entry.href)})`;
  if (!entry.pathname.endsWith('.ts')) return load;
  const tsx = JSON.stringify(import.meta.resolve('tsx/esm/api'));
  return `import(${tsx}).then((tsx) => { tsx.register(); return ${load}; })`;
}

/** Starts a worker thread running `entry` (see workerEntry), from source or from dist/ alike. */
export function startWorker(entry: URL): Worker {
  return new Worker(bootCode(entry), { eval: true });
}
