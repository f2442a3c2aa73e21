import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import ts from 'typescript';

/** One import of a source file, as written, with where it is, so that a broken rule can name it. */
export interface SourceImport {
  /** The importing file, relative to the repository root, with forward slashes. */
  readonly file: string;
  /** The line of the import, from 1. */
  readonly line: number;
  /** The specifier as written; undefined for an `import()` whose argument is computed. */
  readonly specifier: string | undefined;
}

/**
 * Every import of every .ts file under `dir` (relative to `root`): static `import … from`,
 * `export … from`, dynamic `import()` and `import('…')` types. Type-only imports count: a type
 * ties one folder to another as much as a value does.
 */
export function readImports(root: string, dir: string): SourceImport[] {
  return sourceFiles(join(root, dir)).flatMap((path) =>
    importsOf(relative(root, path).split(sep).join(posix.sep), readFileSync(path, 'utf8')),
  );
}

/** The imports of one file, from its text (parsed by TypeScript, so comments and strings never count). */
export function importsOf(file: string, text: string): SourceImport[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: SourceImport[] = [];
  const add = (node: ts.Node, specifier: ts.Node | undefined): void => {
    const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
    found.push({
      file,
      line: line + 1,
      specifier:
        specifier !== undefined && ts.isStringLiteralLike(specifier) ? specifier.text : undefined,
    });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      add(node, node.arguments[0]);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node, node.argument.literal);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every .ts file under `dir`, in name order. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return entry.name.endsWith('.ts') ? [path] : [];
    });
}
