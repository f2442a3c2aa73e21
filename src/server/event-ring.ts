/**
 * The last `capacity` formatted events of a stream, numbered from 1 in the order they were sent,
 * so a client that reconnects can be sent what it missed. Bounded: older events are overwritten,
 * and asking for events after one no longer held says so (undefined) rather than leave a gap.
 */
export class EventRing {
  readonly #frames: string[] = [];
  readonly #capacity: number;
  #latest = 0;

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`an event ring holds at least 1 event, not ${capacity}`);
    }
    this.#capacity = capacity;
  }

  /** The number of the latest event; 0 before any. */
  get latest(): number {
    return this.#latest;
  }

  /** Keeps the next event, `frame(number)` formatting it with its number; returns the text. */
  push(frame: (sequence: number) => string): string {
    const sequence = ++this.#latest;
    const text = frame(sequence);
    this.#frames[sequence % this.#capacity] = text;
    return text;
  }

  /**
   * Every event after `sequence`, oldest first; undefined when one of them is no longer held,
   * or `sequence` is ahead of the latest (it was never sent here).
   */
  after(sequence: number): string[] | undefined {
    if (sequence > this.#latest || this.#latest - sequence > this.#capacity) return undefined;
    const missed: string[] = [];
    for (let next = sequence + 1; next <= this.#latest; next++) {
      missed.push(this.#frames[next % this.#capacity]!);
    }
    return missed;
  }
}
