import { ConflatingQueue } from '../src/core/conflating-queue.js';
import { type BenchResult, median, nsPerOp } from './report.js';

const SIZES = [1, 100, 1_000, 10_000, 100_000];
const OPS = 2_000_000;

interface Item {
  readonly key: string;
  readonly value: number;
}

/**
 * Pop-then-push of a resident key with N keys resident: the cost a consumer pays per item
 * when the queue holds a backlog. O(1) means the same figure at 1 key and at 100,000.
 */
export async function queue(): Promise<BenchResult[]> {
  const figures: Record<string, number> = {};
  for (const size of SIZES) {
    figures[`ns_per_op_${label(size)}`] = median([0, 1, 2].map(() => cycle(size)));
    figures[`map_get_ns_${label(size)}`] = median([0, 1, 2].map(() => mapLookup(size)));
  }
  const base = figures.ns_per_op_1!;
  return [
    {
      bench: 'queue',
      ...figures,
      ratio_10k: figures.ns_per_op_10k! / base,
      ratio_100k: figures.ns_per_op_100k! / base,
      // The floor of any string-keyed structure: one Map.get per push, over the same keys.
      map_get_ratio_10k: figures.map_get_ns_10k! / figures.map_get_ns_1!,
      map_get_ratio_100k: figures.map_get_ns_100k! / figures.map_get_ns_1!,
    },
  ];
}

function cycle(size: number): number {
  const queue = new ConflatingQueue<string, Item>({ key: (item) => item.key });
  const items = Array.from({ length: size }, (_, i) => ({ key: `SYM${i}`, value: i }));
  for (const item of items) queue.push(item);
  for (let i = 0; i < OPS / 10; i++) queue.push(queue.pop()!);
  const start = process.hrtime.bigint();
  for (let i = 0; i < OPS; i++) queue.push(queue.pop()!);
  const ns = nsPerOp(start, OPS);
  if (queue.size !== size) throw new Error(`queue lost keys: ${queue.size} of ${size}`);
  return ns;
}

function label(size: number): string {
  return size >= 1000 ? `${size / 1000}k` : String(size);
}

/** One Map.get per operation cycling over N resident string keys: the lookup every push needs. */
function mapLookup(size: number): number {
  const keys = Array.from({ length: size }, (_, i) => `SYM${i}`);
  const map = new Map(keys.map((key, i) => [key, { key, value: i }]));
  let found = 0;
  const start = process.hrtime.bigint();
  for (let i = 0, k = 0; i < OPS; i++) {
    if (map.get(keys[k]!) !== undefined) found++;
    if (++k === size) k = 0;
  }
  const ns = nsPerOp(start, OPS);
  if (found !== OPS) throw new Error('lookup missed');
  return ns;
}
