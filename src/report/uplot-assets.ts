import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** uPlot's browser bundle and stylesheet, as text to inline in a self-contained page. */
export interface UplotAssets {
  readonly script: string;
  readonly css: string;
}

let cached: UplotAssets | undefined;

/**
 * Reads uPlot's IIFE bundle and CSS from its npm package, wherever Node resolves it from here
 * (a checkout's node_modules or an installed exo's), once per process. Each is made safe to
 * inline: a `</` could otherwise close its <script> or <style> element early.
 */
export function uplotAssets(): UplotAssets {
  if (cached === undefined) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`uplot/dist/${file}`), 'utf8');
    cached = {
      script: read('uPlot.iife.min.js').replaceAll('</', '<\\/'),
      css: read('uPlot.min.css').replaceAll('</', '<\\/'),
    };
  }
  return cached;
}
