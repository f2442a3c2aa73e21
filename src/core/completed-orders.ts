/**
 * The IDs of recently completed orders, bounded: enough to answer "that order is complete"
 * rather than "unknown" (and to refuse reusing an ID), without growing for ever.
 */
export class CompletedOrders {
  readonly #ids = new Set<string>();

  constructor(readonly capacity: number) {}

  has(orderId: string): boolean {
    return this.#ids.has(orderId);
  }

  add(orderId: string): void {
    this.#ids.add(orderId);
    if (this.#ids.size > this.capacity) {
      const oldest = this.#ids.values().next();
      if (oldest.done !== true) this.#ids.delete(oldest.value);
    }
  }
}
