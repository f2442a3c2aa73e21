/** Why a lease's cell was marked lost; 0 while it is held. */
export const LOST = { none: 0, fenced: 1, renewerFailed: 2, locally: 3 } as const;

/** One of LOST's values. */
export type LostCode = (typeof LOST)[keyof typeof LOST];

/**
 * A lease's local deadline and lost flag in shared memory, so the thread that renews the lease
 * and the main thread that writes under it read and write them without a message: a main thread
 * waking from a long synchronous block sees at once whether its lease is still good. The deadline
 * is kept in whole microseconds in a BigInt64Array so that Atomics makes its reads and writes
 * whole (a plain Float64Array write may, by the memory model, be seen torn by the other thread);
 * it only ever rises. Times are on the lease timers' clock (MONOTONIC, shared by every thread).
 */
export class LeaseCell {
  /** The memory to send to another thread (`new LeaseCell(buffer)` there sees the same cell). */
  readonly buffer: SharedArrayBuffer;
  readonly #deadline: BigInt64Array;
  readonly #lost: Int32Array;

  constructor(buffer: SharedArrayBuffer = new SharedArrayBuffer(16)) {
    this.buffer = buffer;
    this.#deadline = new BigInt64Array(buffer, 0, 1);
    this.#lost = new Int32Array(buffer, 8, 1);
  }

  /** The local deadline, in milliseconds (rounded down to a microsecond). */
  get deadline(): number {
    return Number(Atomics.load(this.#deadline, 0)) / 1_000;
  }

  /** Moves the deadline to `to` (milliseconds) if that is later; never earlier. */
  extend(to: number): void {
    const next = BigInt(Math.floor(to * 1_000));
    for (;;) {
      const current = Atomics.load(this.#deadline, 0);
      if (current >= next) return;
      if (Atomics.compareExchange(this.#deadline, 0, current, next) === current) return;
    }
  }

  /** Why the lease was lost (LOST.none while held). */
  get lost(): LostCode {
    return Atomics.load(this.#lost, 0) as LostCode;
  }

  /** Marks the lease lost for `why`; true only for the first mark (later ones keep the first why). */
  markLost(why: Exclude<LostCode, 0>): boolean {
    return Atomics.compareExchange(this.#lost, 0, LOST.none, why) === LOST.none;
  }
}
