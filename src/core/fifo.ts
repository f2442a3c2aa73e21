const INITIAL_CAPACITY = 16;

/**
 * A first-in, first-out queue on a ring that doubles when full: push and shift are O(1) and
 * allocate nothing per item, where an array's shift() moves every item left behind.
 */
export class Fifo<V> {
  #ring: Array<V | undefined> = new Array(INITIAL_CAPACITY);
  #mask = INITIAL_CAPACITY - 1;
  #head = 0;
  #size = 0;

  /** The number of items queued. */
  get size(): number {
    return this.#size;
  }

  /** Queues an item behind every other. */
  push(item: V): void {
    if (this.#size === this.#ring.length) this.#grow();
    this.#ring[(this.#head + this.#size) & this.#mask] = item;
    this.#size++;
  }

  /** Takes the oldest item out, or undefined when the queue is empty. */
  shift(): V | undefined {
    if (this.#size === 0) return undefined;
    const item = this.#ring[this.#head];
    this.#ring[this.#head] = undefined;
    this.#head = (this.#head + 1) & this.#mask;
    this.#size--;
    return item;
  }

  #grow(): void {
    const old = this.#ring;
    const ring: Array<V | undefined> = new Array(old.length * 2);
    for (let i = 0; i < this.#size; i++) ring[i] = old[(this.#head + i) & this.#mask];
    this.#ring = ring;
    this.#mask = ring.length - 1;
    this.#head = 0;
  }
}
