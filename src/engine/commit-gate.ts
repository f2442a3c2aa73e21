/**
 * Holds actions (an event to publish) until every journal row appended before them committed:
 * output commit for the event stream. Actions held during one event-loop turn wait together for
 * one `committed()` asked at the end of the turn, and run in the order they were held; when the
 * commit fails they are dropped, since what they announce may not have been made durable.
 */
export class CommitGate {
  readonly #committed: () => Promise<void>;
  #held: (() => void)[] = [];
  #scheduled = false;
  #tail: Promise<void> = Promise.resolve();

  constructor(committed: () => Promise<void>) {
    this.#committed = committed;
  }

  /** Runs `action` once everything appended so far (and this turn) has committed. */
  hold(action: () => void): void {
    this.#held.push(action);
    if (this.#scheduled) return;
    this.#scheduled = true;
    setImmediate(() => this.#release());
  }

  #release(): void {
    this.#scheduled = false;
    const actions = this.#held;
    this.#held = [];
    const committed = this.#committed();
    this.#tail = this.#tail
      .then(() => committed)
      .then(
        () => {
          for (const action of actions) action();
        },
        () => {
          // The journal failed: the engine announces that itself, once; these stay unsaid.
        },
      );
  }
}
