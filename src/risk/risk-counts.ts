/**
 * How many requests the risk checks refused, and how many the throttle delayed, by rule since
 * exo started: one count that `/metrics` reads at each scrape and `GET /v1/risk` and the
 * dashboard show, so that the two can never disagree.
 */
export class RiskCounts {
  readonly #refusals = new Map<string, number>();
  readonly #delays = new Map<string, number>();

  /** Counts one request (a parent at intake, a child or a replace) refused by `rule`. */
  refused(rule: string): void {
    this.#refusals.set(rule, (this.#refusals.get(rule) ?? 0) + 1);
  }

  /** Counts one child request the throttle of `rule` delayed. */
  delayed(rule: string): void {
    this.#delays.set(rule, (this.#delays.get(rule) ?? 0) + 1);
  }

  /** Refusals so far by rule. */
  refusals(): ReadonlyMap<string, number> {
    return this.#refusals;
  }

  /** Delays so far by rule. */
  delays(): ReadonlyMap<string, number> {
    return this.#delays;
  }
}
