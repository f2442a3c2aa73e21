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
      const value = read();
      this.inc(labels, Math.max(0, value - reported));
      reported = Math.max(reported, value);
    },
  });
}
