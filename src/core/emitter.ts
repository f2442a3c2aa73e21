/**
 * Listener signatures by event name. A listener takes at most two arguments, so that `emit`
 * passes them on as they are, without gathering them into an array.
 */
export type EventSignatures<E> = { [K in keyof E]: (first: never, second: never) => void };

/** Told of a listener that threw: the error, and the name of the event it was called for. */
export type ListenerErrorHandler<E> = (error: unknown, event: keyof E & string) => void;

type Listener = (first: unknown, second: unknown) => void;

/**
 * The one typed event emitter of exo. Its policy: a listener that throws is reported to the
 * `onListenerError` given at construction, with the event's name, and stops neither the other
 * listeners nor the emitter (`onListenerError` itself must not throw). `on` returns the function
 * that removes the listener. A listener added or removed during an emit takes effect from the next
 * emit: each event's listeners are an array replaced (copy on write) whenever they change, so emit
 * allocates nothing and loops over the array it started with.
 */
export class Emitter<E extends EventSignatures<E>> {
  readonly #listeners = new Map<keyof E & string, readonly Listener[]>();
  readonly #onListenerError: ListenerErrorHandler<E>;

  constructor(onListenerError: ListenerErrorHandler<E>) {
    this.#onListenerError = onListenerError;
  }

  /** Adds a listener for `event`; returns the function that removes it (once, however often called). */
  on<K extends keyof E & string>(event: K, listener: E[K]): () => void {
    const entry = listener as unknown as Listener;
    this.#listeners.set(event, [...(this.#listeners.get(event) ?? []), entry]);
    let listening = true;
    return () => {
      if (!listening) return;
      listening = false;
      const listeners = this.#listeners.get(event)!;
      this.#listeners.set(event, listeners.toSpliced(listeners.indexOf(entry), 1));
    };
  }

  /** Calls every listener of `event`, in the order they were added, with the arguments. */
  emit<K extends keyof E & string>(event: K, ...args: Parameters<E[K]>): void;
  emit(event: keyof E & string, first?: unknown, second?: unknown): void {
    const listeners = this.#listeners.get(event);
    if (listeners === undefined) return;
    for (let i = 0; i < listeners.length; i++) {
      try {
        listeners[i]!(first, second);
      } catch (error) {
        this.#onListenerError(error, event);
      }
    }
  }

  /** How many listeners `event` has: an emitter can skip building an event nobody follows. */
  listenerCount(event: keyof E & string): number {
    return this.#listeners.get(event)?.length ?? 0;
  }
}
