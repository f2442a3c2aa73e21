/** Removes a subscription. */
export type Unsubscribe = () => void;

/**
 * Hands every published value to every subscriber, synchronously, in subscription order.
 * A subscriber that throws is unsubscribed and reported, so one broken client cannot stop the rest.
 */
export class Broadcast<T> {
  readonly #subscribers = new Set<(value: T) => void>();
  readonly #onSubscriberError: (error: unknown) => void;

  constructor(onSubscriberError: (error: unknown) => void = () => {}) {
    this.#onSubscriberError = onSubscriberError;
  }

  /** Starts receiving values; returns the function that stops it. */
  subscribe(subscriber: (value: T) => void): Unsubscribe {
    this.#subscribers.add(subscriber);
    return () => this.#subscribers.delete(subscriber);
  }

  /** Sends a value to every current subscriber. */
  publish(value: T): void {
    for (const subscriber of this.#subscribers) {
      try {
        subscriber(value);
      } catch (error) {
        this.#subscribers.delete(subscriber);
        this.#onSubscriberError(error);
      }
    }
  }

  /** How many subscribers there are. */
  get size(): number {
    return this.#subscribers.size;
  }
}
