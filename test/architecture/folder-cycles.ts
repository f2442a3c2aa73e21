import { describeImport, srcFolderOf, targetOf } from './import-target.js';
import type { SourceImport } from './source-imports.js';

/** Which top-level folders of src/ import which, with the imports that make each edge. */
type FolderGraph = Map<string, Map<string, SourceImport[]>>;

/**
 * The cycles between the top-level folders of src/ (orders → venues → orders): one message per
 * set of folders tangled together, naming a cycle through them and every import that ties one of
 * them to another, so that whoever breaks it sees which file to move. Imports within a folder,
 * and imports that leave src/, are not edges.
 */
export function folderCycles(imports: readonly SourceImport[]): string[] {
  const graph = folderGraph(imports);
  return tangles(graph).map((folders) => {
    const inside = new Set(folders);
    const lines = [
      `cycle between src/ folders: ${cycleThrough(graph, folders[0]!, inside).join(' → ')}`,
    ];
    for (const from of folders) {
      for (const [to, edge] of [...(graph.get(from) ?? [])].sort(([a], [b]) =>
        a.localeCompare(b),
      )) {
        if (!inside.has(to)) continue;
        for (const imported of edge) lines.push(`  ${from} → ${to}: ${describeImport(imported)}`);
      }
    }
    return lines.join('\n');
  });
}

function folderGraph(imports: readonly SourceImport[]): FolderGraph {
  const graph: FolderGraph = new Map();
  for (const imported of imports) {
    const from = srcFolderOf(imported.file);
    const target = targetOf(imported);
    const to = target.kind === 'project' ? srcFolderOf(target.path) : undefined;
    if (from === undefined || to === undefined || from === to) continue;
    const edges = graph.get(from) ?? new Map<string, SourceImport[]>();
    graph.set(from, edges);
    edges.set(to, [...(edges.get(to) ?? []), imported]);
  }
  return graph;
}

/** The strongly connected sets of two or more folders (Tarjan), each sorted, in sorted order. */
function tangles(graph: FolderGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    for (const next of graph.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const set = stack.splice(stack.indexOf(folder));
    if (set.length > 1) found.push(set.sort());
  };
  for (const folder of [...graph.keys()].sort()) if (!index.has(folder)) visit(folder);
  return found.sort((a, b) => a[0]!.localeCompare(b[0]!));
}

/** A shortest cycle from `start` back to it through `inside` (breadth first): [start, …, start]. */
function cycleThrough(graph: FolderGraph, start: string, inside: ReadonlySet<string>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (const folder of queue) {
    for (const next of [...(graph.get(folder)?.keys() ?? [])].sort()) {
      if (!inside.has(next) || cameFrom.has(next)) continue;
      cameFrom.set(next, folder);
      if (next === start) {
        const path = [start];
        for (let at = cameFrom.get(start)!; at !== start; at = cameFrom.get(at)!) path.unshift(at);
        return [start, ...path];
      }
      queue.push(next);
    }
  }
  return [start];
}
