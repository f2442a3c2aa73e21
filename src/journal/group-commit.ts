import { handled, rejected } from './handled.js';

interface Waiter<Result> {
  resolve(result: Result): void;
  reject(error: Error): void;
}

interface Submission<Item, Result> extends Waiter<Result> {
  readonly item: Item;
}

/** How a group committer commits, and what it does when a commit fails. */
export interface GroupCommitOptions<Item, Result> {
  /**
   * Makes a batch of items durable, returning one result per item, in order; throws (or rejects)
   * on failure. A committer may answer with a promise (a database across a socket): the next
   * batch then gathers until that commit settles, and commits whole after it, in order.
   */
  commit(items: readonly Item[]): readonly Result[] | Promise<readonly Result[]>;
  /** The error every waiter gets when a commit threw `cause`. */
  toFailure(cause: unknown): Error;
  /** Told once, when the committer stops; must not throw. */
  onFailure(failure: Error): void;
}

/**
 * Collects the items submitted during one event-loop turn and commits them together, in one
 * call of `commit`, when the turn ends; each submission's promise settles only after that call
 * returned. The commit is scheduled with `setImmediate`, not a microtask: a microtask would run
 * between two I/O callbacks of the same poll phase (Node drains microtasks after each), so each
 * incoming request would commit alone; `setImmediate` runs once the poll phase has delivered
 * everything that arrived, so a busy loop groups more rows per fsync for at most one turn of
 * latency. A failing commit rejects every waiter and every later submission with the error
 * `toFailure` makes of it, and `onFailure` hears of it once.
 */
export class GroupCommit<Item, Result> {
  readonly #options: GroupCommitOptions<Item, Result>;
  #batch: Submission<Item, Result>[] = [];
  #settledWaiters: Waiter<void>[] = [];
  #scheduled = false;
  #failure: Error | undefined;
  /** The waiters of the commit under way, when `commit` answered with a promise. */
  #inFlight: Waiter<void>[] | undefined;

  constructor(options: GroupCommitOptions<Item, Result>) {
    this.#options = options;
  }

  /** Why the committer stopped, once it has: every submission from then on rejects with it. */
  get failure(): Error | undefined {
    return this.#failure;
  }

  /** How many submissions wait for the end of the turn. */
  get pending(): number {
    return this.#batch.length;
  }

  /** Queues an item for this turn's commit; resolves with its result once the commit returned. */
  submit(item: Item): Promise<Result> {
    if (this.#failure !== undefined) return rejected(this.#failure);
    const promise = new Promise<Result>((resolve, reject) => {
      this.#batch.push({ item, resolve, reject });
    });
    this.#schedule();
    return handled(promise);
  }

  /** Resolves once everything submitted so far has committed; rejects if that commit failed. */
  settled(): Promise<void> {
    if (this.#failure !== undefined) return rejected(this.#failure);
    const waiters = this.#batch.length > 0 ? this.#settledWaiters : this.#inFlight;
    if (waiters === undefined) return Promise.resolve();
    return handled(new Promise<void>((resolve, reject) => waiters.push({ resolve, reject })));
  }

  /**
   * Commits what is queued now instead of at the end of the turn (for closing); with a commit
   * under way, the queue commits when it settles (await `settled()` to know when).
   */
  flush(): void {
    if (this.#batch.length === 0 || this.#failure !== undefined || this.#inFlight) return;
    const batch = this.#batch;
    const settledWaiters = this.#settledWaiters;
    this.#batch = [];
    this.#settledWaiters = [];
    let results: readonly Result[] | Promise<readonly Result[]>;
    try {
      results = this.#options.commit(batch.map((submission) => submission.item));
    } catch (cause) {
      this.#stop(this.#options.toFailure(cause), [...batch, ...settledWaiters]);
      return;
    }
    if (!(results instanceof Promise)) {
      resolveAll(batch, settledWaiters, results);
      return;
    }
    this.#inFlight = settledWaiters;
    results.then(
      (committed) => {
        this.#inFlight = undefined;
        resolveAll(batch, settledWaiters, committed);
        this.flush();
      },
      (cause: unknown) => {
        this.#inFlight = undefined;
        this.#stop(this.#options.toFailure(cause), [...batch, ...settledWaiters]);
        this.fail(this.#failure!);
      },
    );
  }

  /** Stops for good: everything queued and everything submitted later rejects with `failure`. */
  fail(failure: Error): void {
    const waiters = [...this.#batch, ...this.#settledWaiters];
    this.#batch = [];
    this.#settledWaiters = [];
    this.#stop(failure, waiters);
  }

  #stop(failure: Error, waiters: readonly Pick<Waiter<unknown>, 'reject'>[]): void {
    if (this.#failure === undefined) {
      this.#failure = failure;
      this.#options.onFailure(failure);
    }
    for (const waiter of waiters) waiter.reject(this.#failure);
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.flush();
    });
  }
}

/** Settles a committed batch: each submission with its result, then the `settled()` waiters. */
function resolveAll<Result>(
  batch: readonly Submission<unknown, Result>[],
  settledWaiters: readonly Waiter<void>[],
  results: readonly Result[],
): void {
  batch.forEach((submission, index) => {
    submission.resolve(results[index]!);
  });
  for (const waiter of settledWaiters) waiter.resolve();
}
