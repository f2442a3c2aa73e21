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
  /** Makes a batch of items durable, returning one result per item, in order; throws on failure. */
  commit(items: readonly Item[]): readonly Result[];
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
    if (this.#batch.length === 0) return Promise.resolve();
    return handled(
      new Promise<void>((resolve, reject) => this.#settledWaiters.push({ resolve, reject })),
    );
  }

  /** Commits what is queued now instead of at the end of the turn (for closing). */
  flush(): void {
    if (this.#batch.length === 0 || this.#failure !== undefined) return;
    const batch = this.#batch;
    const settledWaiters = this.#settledWaiters;
    this.#batch = [];
    this.#settledWaiters = [];
    let results: readonly Result[];
    try {
      results = this.#options.commit(batch.map((submission) => submission.item));
    } catch (cause) {
      this.#stop(this.#options.toFailure(cause), [...batch, ...settledWaiters]);
      return;
    }
    batch.forEach((submission, index) => {
      submission.resolve(results[index]!);
    });
    for (const waiter of settledWaiters) waiter.resolve();
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
