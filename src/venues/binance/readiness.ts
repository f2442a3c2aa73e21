/**
 * Whether the Binance adapter has started (clock offset, exchangeInfo, cursors, subscription):
 * work asked before waits for it, and is refused with the reason while the latest attempt failed
 * (a wrong key, Binance unreachable), so an order is never held without end nor sent half-set-up.
 */
export class Readiness {
  #ready = false;
  #problem: string | undefined;
  #waiting: { go: () => void; fail: (problem: string) => void }[] = [];
  readonly #settled: Promise<void>;
  #resolve: () => void = () => {};

  constructor() {
    this.#settled = new Promise((resolve) => {
      this.#resolve = resolve;
    });
  }

  /** Whether it has started. */
  get ready(): boolean {
    return this.#ready;
  }

  /** Why the latest start attempt failed, while it is not ready. */
  get problem(): string | undefined {
    return this.#ready ? undefined : this.#problem;
  }

  /** Resolves once started. */
  started(): Promise<void> {
    return this.#settled;
  }

  /** Runs `go` once started (now if it is); `fail` now, or when an attempt fails, otherwise. */
  when(go: () => void, fail: (problem: string) => void): void {
    if (this.#ready) go();
    else if (this.#problem !== undefined) fail(this.#problem);
    else this.#waiting.push({ go, fail });
  }

  /** Runs `run` once started; rejects with the reason a start attempt failed. */
  after<T>(run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) =>
      this.when(
        () => run().then(resolve, reject),
        (problem) => reject(new Error(`the Binance adapter has not started: ${problem}`)),
      ),
    );
  }

  /** Started: what waits goes. */
  succeeded(): void {
    this.#ready = true;
    this.#resolve();
    for (const { go } of this.#waiting.splice(0)) go();
  }

  /** An attempt failed: what waits is refused, and so is what comes until one succeeds. */
  failed(problem: string): void {
    this.#problem = problem;
    for (const { fail } of this.#waiting.splice(0)) fail(problem);
  }
}
