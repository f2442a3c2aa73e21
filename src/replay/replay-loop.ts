import type { TickEvent } from '../ticks/tick-event.js';
import type { ReplayEngine } from './replay-engine.js';
import type { ReplayInstructions } from './replay-instructions.js';

/** One full turn of the event loop: every microtask, and every immediate queued before it. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Moves the replay through time, one instant after another. The clock jumps to the next instant
 * (an arrival batch, a timer or an instruction); within an instant, due timers run in scheduling
 * order, then the order instructions, then the market events; and wherever something ran, the
 * engine settles completely before time moves on: full event-loop turns, repeated until a turn
 * in which nothing ran (no timer set or due, no journal call or row pending, no venue request or
 * report, no update handed to a delegate). Counting idle microtask rounds would not do: a
 * delegate's chain of awaits may be deeper than any count.
 */
export class ReplayLoop {
  readonly #parts: ReplayEngine;
  readonly #instructions: ReplayInstructions;
  /** True when the delegates are the built-in algorithms alone (see #quiet). */
  readonly #trusted: boolean;

  constructor(parts: ReplayEngine, instructions: ReplayInstructions, trusted: boolean) {
    this.#parts = parts;
    this.#instructions = instructions;
    this.#trusted = trusted;
  }

  /**
   * Runs every instant before `us` (timers, instructions), then `us` with its arrival batch.
   * Returns undefined when it is all done already: nothing was due and no event reached anyone,
   * the common case of symbols nobody trades, which must cost no promise.
   */
  arrive(us: number, events: readonly TickEvent[]): Promise<void> | undefined {
    const next = this.#nextUs();
    if (next !== undefined && next <= us) return this.#arriveLater(us, events);
    this.#parts.clock.moveTo(us);
    const mark = this.#sideEffects();
    if (!this.#push(events)) return undefined;
    return this.#quiet(mark) ? undefined : this.settle();
  }

  async #arriveLater(us: number, events: readonly TickEvent[]): Promise<void> {
    await this.runBefore(us);
    await this.#instant(us, events);
  }

  /** Runs every instant of timers and instructions strictly before `us`. */
  async runBefore(us: number): Promise<void> {
    for (;;) {
      const next = this.#nextUs();
      if (next === undefined || next >= us) return;
      await this.#instant(next, []);
    }
  }

  /** When the next timer or instruction is due. */
  #nextUs(): number | undefined {
    const timer = this.#parts.clock.nextDueUs();
    const instruction = this.#instructions.nextUs();
    if (timer === undefined) return instruction;
    return instruction === undefined ? timer : Math.min(timer, instruction);
  }

  async #instant(us: number, events: readonly TickEvent[]): Promise<void> {
    const { clock } = this.#parts;
    clock.moveTo(us);
    if (clock.runDue()) await this.settle();
    if (this.#instructions.applyDue(us)) await this.settle();
    if (this.#push(events)) await this.settle();
  }

  /** Hands an instant's events to the market, then the dispatcher's drain; true when anyone heard. */
  #push(events: readonly TickEvent[]): boolean {
    const { market } = this.#parts;
    let reached = false;
    for (let i = 0; i < events.length; i++) {
      if (market.push(events[i]!)) reached = true;
    }
    return this.#parts.drain() || reached;
  }

  /**
   * Waits for `promise` (the engine's recovery at start, its stop at the end), running the
   * clock's timers as they come due, since a virtual clock moves only when told. Gives up after
   * `turns` rounds with nothing left to run.
   */
  async drive<T>(promise: Promise<T>, turns = 10_000): Promise<T> {
    let done = false;
    const watched = promise.finally(() => {
      done = true;
    });
    watched.catch(() => {});
    for (let round = 0; !done && round < turns; round++) {
      await this.settle();
      const next = this.#parts.clock.nextDueUs();
      if (done || next === undefined) continue;
      this.#parts.clock.moveTo(next);
      this.#parts.clock.runDue();
    }
    return watched;
  }

  /** Full turns until one passes in which nothing ran; timers coming due now run on the way. */
  async settle(): Promise<void> {
    const { clock, journal } = this.#parts;
    for (;;) {
      const mark = this.#activity();
      await nextTurn();
      const fired = this.#parts.drain() || clock.runDue();
      if (!fired && journal.outstanding === 0 && this.#activity() === mark) return;
    }
  }

  /**
   * Whether an instant whose events were just handed over left nothing a turn could run: every
   * delegate acted synchronously (none still awaiting), and nothing else moved (no timer, no
   * journal call or row pending, no venue request or report). Only for the built-in algorithms,
   * whose every effect goes through those; a user's delegate always gets its full turn.
   */
  #quiet(mark: number): boolean {
    const { journal, counts } = this.#parts;
    return (
      this.#trusted &&
      counts.pending === 0 &&
      journal.outstanding === 0 &&
      this.#sideEffects() === mark
    );
  }

  /** Everything but deliveries that says something ran. */
  #sideEffects(): number {
    const { clock, journal, venue } = this.#parts;
    return clock.scheduled + journal.calls + venue.traffic;
  }

  #activity(): number {
    const { clock, journal, venue, engine } = this.#parts;
    return (
      clock.scheduled + journal.calls + venue.traffic + engine.dispatcher.stats.updatesDelivered
    );
  }
}
