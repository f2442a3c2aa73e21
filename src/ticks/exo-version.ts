import { readFileSync } from 'node:fs';

/** exo's version, from its package.json (two folders up from src/ticks and from dist/ticks). */
export const EXO_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  }
).version;
