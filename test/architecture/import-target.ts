import { isBuiltin } from 'node:module';
import { posix } from 'node:path';
import type { SourceImport } from './source-imports.js';

/**
 * Where an import leads: a file of the project (its path from the repository root, as written,
 * with `.js`), a Node built-in, an npm package (by name), or nowhere known (a computed `import()`).
 */
export type ImportTarget =
  | { readonly kind: 'project'; readonly path: string }
  | { readonly kind: 'builtin' }
  | { readonly kind: 'package'; readonly name: string }
  | { readonly kind: 'computed' };

/** Resolves an import to what it reaches, so that each rule can say which targets it allows. */
export function targetOf({ file, specifier }: SourceImport): ImportTarget {
  if (specifier === undefined) return { kind: 'computed' };
  if (specifier.startsWith('.')) {
    return { kind: 'project', path: posix.join(posix.dirname(file), specifier) };
  }
  if (isBuiltin(specifier)) return { kind: 'builtin' };
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
  return { kind: 'package', name };
}

/**
 * The top-level folder of src/ a project path belongs to (`orders` for src/orders/paper/x.ts), its
 * file name for a file directly in src/ (`index` for src/index.ts), or undefined outside src/.
 */
export function srcFolderOf(path: string): string | undefined {
  const [top, first, ...rest] = path.split('/');
  if (top !== 'src' || first === undefined) return undefined;
  return rest.length > 0 ? first : first.replace(/\.[jt]s$/, '');
}

/** How a broken rule names an import: its file and line, and the specifier as written. */
export function describeImport({ file, line, specifier }: SourceImport): string {
  return `${file}:${line} imports ${specifier === undefined ? 'a computed import()' : `'${specifier}'`}`;
}
