import { Counter, type Registry } from 'prom-client';

/**
 * A Prometheus counter read at each scrape from a running total kept elsewhere, so the code that
 * counts pays nothing for metrics: each scrape adds what the total grew by since the last one.
 */
export function scrapedCounter(
  registry: Registry,
  name: string,
  help: string,
  read: () => number,
  labels: Readonly<Record<string, string>> = {},
): void {
  let reported = 0;
  new Counter({
    name,
    help,
    labelNames: Object.keys(labels),
    registers: [registry],
    collect() {
      reported = catchUp(this, labels, reported, read());
    },
  });
}

/**
 * A Prometheus counter with one label, read at each scrape from running totals by that label's
 * value (e.g. refusals by rule), kept elsewhere as scrapedCounter's total is.
 */
export function scrapedCountsByLabel(
  registry: Registry,
  name: string,
  help: string,
  label: string,
  read: () => ReadonlyMap<string, number>,
): void {
  const reported = new Map<string, number>();
  new Counter({
    name,
    help,
    labelNames: [label],
    registers: [registry],
    collect() {
      for (const [value, total] of read()) {
        reported.set(value, catchUp(this, { [label]: value }, reported.get(value) ?? 0, total));
      }
    },
  });
}

/** Adds to `counter` what `total` grew by since `reported`; returns what is now reported. */
function catchUp(
  counter: Counter,
  labels: Readonly<Record<string, string>>,
  reported: number,
  total: number,
): number {
  counter.inc(labels, Math.max(0, total - reported));
  return Math.max(reported, total);
}
