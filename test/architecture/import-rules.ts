import { describeImport, srcFolderOf, targetOf } from './import-target.js';
import type { SourceImport } from './source-imports.js';

/**
 * The inner layers and what each may import of the project: the market (the domain) imports only
 * itself, and the core (the container) only itself and the market, so that either can be used,
 * tested and published (`exo/market`, `exo/core`) without the rest.
 */
const LAYERS: ReadonlyMap<string, readonly string[]> = new Map([
  ['market', ['market']],
  ['core', ['core', 'market']],
]);
/** The only npm package the inner layers may import: decimals, which the domain is made of. */
const LAYER_PACKAGES: readonly string[] = ['big.js'];

/**
 * The imports of src/market and src/core that reach outside their layer: another folder of the
 * project, or an npm package other than big.js (Node built-ins are allowed).
 */
export function layerViolations(imports: readonly SourceImport[]): string[] {
  const broken: string[] = [];
  for (const imported of imports) {
    const folder = srcFolderOf(imported.file);
    const allowed = folder === undefined ? undefined : LAYERS.get(folder);
    if (allowed === undefined) continue;
    const target = targetOf(imported);
    const ok =
      target.kind === 'builtin' ||
      (target.kind === 'package' && LAYER_PACKAGES.includes(target.name)) ||
      (target.kind === 'project' && allowed.includes(srcFolderOf(target.path) ?? ''));
    if (!ok) {
      const may = [...allowed.map((name) => `src/${name}`), 'node built-ins', ...LAYER_PACKAGES];
      broken.push(`${describeImport(imported)}: src/${folder} may import only ${may.join(', ')}`);
    }
  }
  return broken;
}

/** Test-only code inside src/: a `testing/` or `test/` folder (where crash hooks once lived), or a `.test.ts`. */
const TEST_ONLY_IN_SRC = /\/(testing|tests?)\/|\.test\.[jt]s$/;

/**
 * The files allowed a computed `import()`: each loads a user's own module by the path the user
 * gave (`exo replay --factory`), which no rule could name in advance.
 */
const USER_CODE_LOADERS: ReadonlySet<string> = new Set(['src/cli/user-factory.ts']);

/**
 * The imports of production code (src/) that reach test-only code: a file outside src/ (test/,
 * bench/, examples/) or a test-only one inside it, or an npm package that is not in package.json's `dependencies` (a
 * devDependency such as vitest or fast-check is test-only; an undeclared one is not installed by
 * users). A computed `import()` is refused too, since no rule could check
 * it, outside USER_CODE_LOADERS.
 */
export function testOnlyViolations(
  imports: readonly SourceImport[],
  dependencies: ReadonlySet<string>,
): string[] {
  const broken: string[] = [];
  for (const imported of imports) {
    if (srcFolderOf(imported.file) === undefined) continue;
    const target = targetOf(imported);
    if (target.kind === 'project' && srcFolderOf(target.path) === undefined) {
      broken.push(`${describeImport(imported)}: production code (src/) imports code outside src/`);
    } else if (target.kind === 'project' && TEST_ONLY_IN_SRC.test(target.path)) {
      broken.push(`${describeImport(imported)}: production code imports a test-only module`);
    } else if (target.kind === 'package' && !dependencies.has(target.name)) {
      broken.push(
        `${describeImport(imported)}: ${target.name} is not in package.json's dependencies (test-only or undeclared)`,
      );
    } else if (target.kind === 'computed' && !USER_CODE_LOADERS.has(imported.file)) {
      broken.push(`${describeImport(imported)}: its target cannot be checked`);
    }
  }
  return broken;
}
