/**
 * The same promise, marked as handled: a caller may still await it and see the rejection, but
 * a rejection nobody awaits (a fire-and-forget append) does not crash the process.
 */
export function handled<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** A promise rejected with `error`, already marked as handled. */
export function rejected<T>(error: unknown): Promise<T> {
  return handled(Promise.reject(error));
}
