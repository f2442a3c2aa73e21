import { performance } from 'node:perf_hooks';

/** What a dispatcher tells of its delegates' work (the engine's metrics hang off this). */
export interface ActionObserver {
  /** How long one `action` took, in seconds, until its promise settled when it returned one. */
  actionSeconds(seconds: number): void;
  /** A delegate's `cleanUp` finished (the dispatcher stopped with the order live). */
  cleanedUp(orderId: string): void;
}

/**
 * One synchronous action in this many is timed. Reading the clock twice and observing a
 * histogram costs more than a fast delegate's whole action, so timing them all would make the
 * timing most of the fan-out's work; a sample shows their distribution as well.
 */
const SYNC_ACTIONS_PER_SAMPLE = 64;

/** No sample taken: the action is outside the sample. */
const UNTIMED = -1;

/**
 * Which actions a dispatcher's order processes time, and where the times go: a sample of the
 * synchronous actions (one in SYNC_ACTIONS_PER_SAMPLE, counted across every order, the first one
 * included) and every action that returns a promise, until it settles. An action outside the
 * sample that turns out asynchronous is timed from its return, so a slow action is never missed
 * (only its synchronous start is). The order process times its delegate itself, rather than
 * through a wrapper around each delegate, so a fan-out touches no extra object per delivery.
 */
export class ActionTiming {
  readonly observer: ActionObserver;
  /** Synchronous actions left before the next one timed. */
  #untimed = 0;

  constructor(observer: ActionObserver) {
    this.observer = observer;
  }

  /** Called before an action: its start (performance.now()) when it is in the sample, else UNTIMED. */
  start(): number {
    if (this.#untimed > 0) {
      this.#untimed--;
      return UNTIMED;
    }
    this.#untimed = SYNC_ACTIONS_PER_SAMPLE - 1;
    return performance.now();
  }

  /** A synchronous action returned: its time is reported when it was in the sample. */
  returned(start: number): void {
    if (start !== UNTIMED) this.observer.actionSeconds((performance.now() - start) / 1000);
  }

  /** An action returned `result`: its time, from `start` or else from now, is reported once it settles. */
  settled<V>(result: PromiseLike<V>, start: number): Promise<V> {
    const from = start === UNTIMED ? performance.now() : start;
    return Promise.resolve(result).finally(() =>
      this.observer.actionSeconds((performance.now() - from) / 1000),
    );
  }
}
