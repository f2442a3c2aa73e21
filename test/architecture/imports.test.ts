import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { folderCycles } from './folder-cycles.js';
import { layerViolations, testOnlyViolations } from './import-rules.js';
import { importsOf, readImports } from './source-imports.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const imports = readImports(ROOT, 'src');
const manifest = JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as {
  readonly dependencies?: Readonly<Record<string, string>>;
};
const dependencies = new Set(Object.keys(manifest.dependencies ?? {}));

describe('import rules of src/', () => {
  it('reads every kind of import (a static, a re-export, a dynamic one)', () => {
    const found = (file: string, specifier: string): boolean =>
      imports.some((imported) => imported.file === file && imported.specifier === specifier);
    expect(found('src/core/dispatcher.ts', '../market/order.js')).toBe(true);
    expect(found('src/index.ts', './market/index.js')).toBe(true);
    expect(found('src/server/logger.ts', 'pino-pretty')).toBe(true);
  });

  it('src/market imports only src/market, node built-ins and big.js', () => {
    expect(layerViolations(imports.filter(({ file }) => file.startsWith('src/market/')))).toEqual(
      [],
    );
  });

  it('src/core imports only src/core, src/market, node built-ins and big.js', () => {
    expect(layerViolations(imports.filter(({ file }) => file.startsWith('src/core/')))).toEqual([]);
  });

  it('no cycle between the top-level folders of src/', () => {
    expect(folderCycles(imports)).toEqual([]);
  });

  it('production code imports no test-only code', () => {
    expect(testOnlyViolations(imports, dependencies)).toEqual([]);
  });
});

describe('each rule fails naming the file and the import', () => {
  it('a market file importing the core, or a core file importing the engine dynamically', () => {
    const broken = [
      ...importsOf('src/market/quote.ts', "import type { Clock } from '../core/clock.js';"),
      ...importsOf('src/core/run-soon.ts', "\nconst e = await import('../engine/engine.js');"),
      ...importsOf('src/core/stats.ts', "import { Counter } from 'prom-client';"),
      ...importsOf('src/core/clock.ts', "import { Big } from 'big.js';\nimport 'node:timers';"),
    ];
    expect(layerViolations(broken)).toEqual([
      "src/market/quote.ts:1 imports '../core/clock.js': src/market may import only src/market, node built-ins, big.js",
      "src/core/run-soon.ts:2 imports '../engine/engine.js': src/core may import only src/core, src/market, node built-ins, big.js",
      "src/core/stats.ts:1 imports 'prom-client': src/core may import only src/core, src/market, node built-ins, big.js",
    ]);
  });

  it('a cycle between folders, listed with the imports that make it', () => {
    const broken = [
      ...importsOf(
        'src/orders/child-order.ts',
        "import type { ChildOrderRequest } from '../venues/venue.js';",
      ),
      ...importsOf(
        'src/venues/paper/paper-venue.ts',
        "export { ParentOrder } from '../../orders/parent-order.js';",
      ),
      ...importsOf(
        'src/engine/engine.ts',
        "import { ChildOrder } from '../orders/child-order.js';",
      ),
    ];
    expect(folderCycles(broken)).toEqual([
      [
        'cycle between src/ folders: orders → venues → orders',
        "  orders → venues: src/orders/child-order.ts:1 imports '../venues/venue.js'",
        "  venues → orders: src/venues/paper/paper-venue.ts:1 imports '../../orders/parent-order.js'",
      ].join('\n'),
    ]);
  });

  it('production code importing tests, a devDependency, or a computed import()', () => {
    const broken = [
      ...importsOf(
        'src/engine/engine.ts',
        "import { harness } from '../../test/algos/harness.js';",
      ),
      ...importsOf('src/engine/fill-journal.ts', "import { x } from '../testing/crash-point.js';"),
      ...importsOf('src/journal/journal.ts', "import fc from 'fast-check';"),
      ...importsOf('src/cli/main.ts', 'await import(name);'),
      ...importsOf('test/algos/harness.ts', "import { it } from 'vitest';"),
    ];
    expect(testOnlyViolations(broken, dependencies)).toEqual([
      "src/engine/engine.ts:1 imports '../../test/algos/harness.js': production code (src/) imports code outside src/",
      "src/engine/fill-journal.ts:1 imports '../testing/crash-point.js': production code imports a test-only module",
      "src/journal/journal.ts:1 imports 'fast-check': fast-check is not in package.json's dependencies (test-only or undeclared)",
      'src/cli/main.ts:1 imports a computed import(): its target cannot be checked',
    ]);
  });
});
