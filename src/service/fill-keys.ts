/**
 * The journal keys of the fills already journaled for live parents: how a fill delivered twice
 * (a venue resending, reconciliation racing a live report) is recognised at once, without waiting
 * for the journal to say `duplicate`. A parent's keys are forgotten when it completes; a late
 * repeat after that reaches the dispatcher as a report for a completed order and changes nothing.
 */
export class FillKeys {
  readonly #keys = new Set<string>();
  readonly #byParent = new Map<string, string[]>();

  /** Whether a fill with this key was journaled for a live parent. */
  has(key: string): boolean {
    return this.#keys.has(key);
  }

  /** Remembers a journaled fill's key under its parent. */
  remember(parentId: string, key: string): void {
    if (this.#keys.has(key)) return;
    this.#keys.add(key);
    const keys = this.#byParent.get(parentId);
    if (keys === undefined) this.#byParent.set(parentId, [key]);
    else keys.push(key);
  }

  /** Forgets a completed parent's keys. */
  forget(parentId: string): void {
    for (const key of this.#byParent.get(parentId) ?? []) this.#keys.delete(key);
    this.#byParent.delete(parentId);
  }

  /** How many keys are remembered. */
  get size(): number {
    return this.#keys.size;
  }
}
