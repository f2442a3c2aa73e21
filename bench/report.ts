/** One benchmark figure set: printed as a JSON line on stdout and a table row on stderr. */
export interface BenchResult {
  readonly bench: string;
  readonly [figure: string]: string | number | boolean | undefined;
}

/** Prints results as JSON lines (stdout, for machines) and a readable table (stderr, for people). */
export function printResults(results: readonly BenchResult[]): void {
  for (const result of results) process.stdout.write(`${JSON.stringify(result)}\n`);
  for (const result of results) {
    const rows = Object.entries(result)
      .filter(([key]) => key !== 'bench')
      .map(([key, value]) => ({
        figure: key,
        value: typeof value === 'number' ? round(value) : value,
      }));
    process.stderr.write(`\n${result.bench}\n`);
    console.error(formatTable(rows));
  }
}

function round(value: number): number {
  if (Number.isInteger(value)) return value;
  return Math.abs(value) >= 100 ? Math.round(value) : Number(value.toPrecision(4));
}

function formatTable(rows: ReadonlyArray<{ figure: string; value: unknown }>): string {
  const width = Math.max(...rows.map((r) => r.figure.length));
  return rows.map((r) => `  ${r.figure.padEnd(width)}  ${String(r.value)}`).join('\n');
}

/** Nanoseconds per operation over `ops` operations timed from `start` (process.hrtime.bigint()). */
export function nsPerOp(start: bigint, ops: number): number {
  return Number(process.hrtime.bigint() - start) / ops;
}

/**
 * CPU nanoseconds of this process per operation over `ops` operations since `start`
 * (process.cpuUsage()): what the work cost, without the time a busy neighbour took from it.
 */
export function cpuNsPerOp(start: NodeJS.CpuUsage, ops: number): number {
  const { user, system } = process.cpuUsage(start);
  return ((user + system) * 1000) / ops;
}

/** The median of a few repeated measurements: one noisy neighbour should not set the figure. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
