/**
 * Queries a venue has taken but not answered yet: each promise settles once, with its answer, or
 * with an error when the venue closes first, so no caller waits forever on a closed venue.
 */
export class PendingQueries {
  readonly #refusals = new Set<(error: Error) => void>();

  /** A promise for one answer; `start` sends the query and is given the function that answers it. */
  track<T>(start: (answer: (value: T) => void) => void): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#refusals.add(reject);
      start((value) => {
        this.#refusals.delete(reject);
        resolve(value);
      });
    });
  }

  /** Settles every unanswered query with `error`. */
  refuseAll(error: Error): void {
    for (const refuse of this.#refusals) refuse(error);
    this.#refusals.clear();
  }
}
