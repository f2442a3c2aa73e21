import { readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { sourceFiles } from './source-imports.js';

const ROOT = join(import.meta.dirname, '..', '..');
/** The folders and files an order, child, report, fill or tick passes through (see src/market/extended.ts). */
const HOT = [
  ...['core', 'orders', 'algos', 'market', 'risk', 'engine', 'journal', 'recovery'],
  ...['venues/paper', 'venues/client-id-chains.ts', 'venues/forwarding-venue.ts'],
].map((path) => join('src', path));

/**
 * Object literals that start with a spread and have anything after it (`{ ...base, key }`), as
 * `file:line: text`: on Node 20 each object such a literal makes gets a hidden class of its own.
 */
function spreadFirstLiterals(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isObjectLiteralExpression(node) &&
      node.properties.length > 1 &&
      ts.isSpreadAssignment(node.properties[0]!)
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${file}:${line + 1}: ${node.getText(source).replace(/\s+/g, ' ')}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('object shapes on the hot path', () => {
  it('finds the literal it forbids, and not its safe neighbours', () => {
    const text = [
      'const a = { ...base, key: 1 };',
      'const b = { ...(x ? {} : { x }), y };',
      'const c = { key: 1, ...base };',
      'const d = { ...base };',
      'const e = extended(base, { key: 1 });',
    ].join('\n');
    expect(spreadFirstLiterals('t.ts', text).map((found) => found.split(':')[1])).toEqual([
      '1',
      '2',
    ]);
  });

  it('builds no object with a spread first and more after it (use extended or Object.assign)', () => {
    const found = HOT.flatMap((hot) =>
      (hot.endsWith('.ts') ? [join(ROOT, hot)] : sourceFiles(join(ROOT, hot))).flatMap((path) =>
        spreadFirstLiterals(
          relative(ROOT, path).split(sep).join(posix.sep),
          readFileSync(path, 'utf8'),
        ),
      ),
    );
    expect(found).toEqual([]);
  });
});
