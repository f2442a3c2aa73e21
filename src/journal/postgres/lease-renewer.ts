import type { Worker } from 'node:worker_threads';
import { startWorker, workerEntry } from '../../util/worker-thread.js';
import { type LeaseCell, LOST } from './lease-cell.js';
import type { RenewedLease } from './lease-renewal.js';
import type { PgTarget } from './pg-target.js';
import type { RenewerReply, RenewerRequest } from './renewer-messages.js';

/** A lease the renewer thread renews: its cell, and who hears that the cell changed. */
interface Renewed {
  readonly cell: LeaseCell;
  readonly onChange: () => void;
  stopping?: Promise<void>;
  stopped?: () => void;
}

/** A place in the renewer thread, reserved before a lease is taken and kept while it is held. */
export interface RenewerSeat {
  /**
   * Renews a lease just taken, from `acquiredAt` on MONOTONIC: the thread writes each successful
   * renewal's deadline (send time + 0.8·TTL) into `cell`, and marks it lost when a renewal finds
   * another epoch; `onChange` is then called on this thread. Returns the way to stop renewing,
   * resolving once no renewal of the lease is in flight (the seat is then given back).
   */
  renew(
    lease: RenewedLease,
    timing: { readonly acquiredAt: number; readonly cell: LeaseCell },
    onChange: () => void,
  ): () => Promise<void>;
  /** Gives the seat back unused (no lease was taken). */
  release(): void;
}

/** The renewer thread's entry module, from source or from dist/. */
const RENEWER_ENTRY = workerEntry(import.meta.url, './renewer-thread');

/**
 * A lease renewer thread running `entry` (renewer-thread.ts; reserveRenewer keeps the process's
 * one), serving every lease of the process: started by the first reservation, ended when the
 * last seat is given back. It is unref'd (it keeps no process alive) but while a reservation
 * waits for it to start. Should it fail or exit
 * while renewing, every lease it renewed is marked lost (LOST.renewerFailed) and its owner told:
 * fail safe, since nothing renews them any more.
 */
export class RenewerThread {
  readonly #worker: Worker;
  readonly #leases = new Map<number, Renewed>();
  readonly #preparing = new Map<number, { ready: () => void; failed: (cause: Error) => void }>();
  #seats = 0;
  #ended = false;

  constructor(entry: URL, onGone: () => void) {
    this.#worker = startWorker(entry);
    this.#worker.on('message', (reply: RenewerReply) => {
      if (reply.kind === 'ready') {
        this.#preparing.get(reply.id)?.ready();
        this.#preparing.delete(reply.id);
        if (this.#preparing.size === 0) this.#worker.unref();
        return;
      }
      const renewed = this.#leases.get(reply.id);
      if (reply.kind === 'changed') renewed?.onChange();
      else if (renewed !== undefined) this.#forget(reply.id, renewed);
    });
    const gone = (cause: unknown): void => {
      onGone();
      this.#ended = true;
      const failure = new Error(`the lease renewer thread stopped: ${String(cause)}`);
      for (const waiting of this.#preparing.values()) waiting.failed(failure);
      this.#preparing.clear();
      for (const [id, renewed] of this.#leases) {
        renewed.cell.markLost(LOST.renewerFailed);
        renewed.onChange();
        this.#forget(id, renewed);
      }
    };
    this.#worker.on('error', gone);
    this.#worker.on('exit', (code) => gone(`exit code ${code}`));
    // Unref'd once ready (after the listeners: adding one refs the worker again); ref'd while a
    // reservation waits for it, which a caller awaits.
    this.#worker.unref();
  }

  /** Whether it still takes reservations (not ended, not failed). */
  get open(): boolean {
    return !this.#ended;
  }

  /**
   * Reserves a seat (`id` unique in the thread); resolves once the thread runs and has tried to
   * connect to `target`. Rejects once the thread has ended or failed.
   */
  async reserve(target: PgTarget, id: number): Promise<RenewerSeat> {
    if (this.#ended) throw new Error('the lease renewer thread stopped');
    this.#seats++;
    try {
      await new Promise<void>((ready, failed) => {
        this.#preparing.set(id, { ready, failed });
        this.#worker.ref();
        this.#send({ kind: 'prepare', id, target });
      });
    } catch (error) {
      this.#giveBack();
      throw error;
    }
    let used = false;
    return {
      renew: (lease, timing, onChange) => {
        if (used) throw new Error('a renewer seat renews one lease');
        used = true;
        const renewed: Renewed = { cell: timing.cell, onChange };
        this.#leases.set(id, renewed);
        this.#send({ kind: 'renew', id, target, lease, ...timing, cell: timing.cell.buffer });
        return () => this.#stop(id);
      },
      release: () => {
        if (used) return;
        used = true;
        this.#giveBack();
      },
    };
  }

  #stop(id: number): Promise<void> {
    const renewed = this.#leases.get(id);
    if (renewed === undefined) return Promise.resolve();
    if (renewed.stopping === undefined) {
      renewed.stopping = new Promise<void>((resolve) => {
        renewed.stopped = resolve;
      });
      this.#send({ kind: 'stop', id });
    }
    return renewed.stopping;
  }

  #forget(id: number, renewed: Renewed): void {
    this.#leases.delete(id);
    renewed.stopped?.();
    this.#giveBack();
  }

  #giveBack(): void {
    this.#seats--;
    if (this.#seats === 0 && !this.#ended) {
      this.#ended = true;
      this.#send({ kind: 'end' });
    }
  }

  #send(request: RenewerRequest): void {
    if (!this.#ended || request.kind === 'end') this.#worker.postMessage(request);
  }
}

let thread: RenewerThread | undefined;
let nextId = 1;

/**
 * Reserves a seat in the process's lease renewer thread, starting it if none runs, and resolves
 * once the thread runs and has connected to `target`'s database: a lease is taken only when its
 * renewer can renew it (a thread's start, under load, can take longer than 0.8·TTL). Rejects if
 * the thread fails to start.
 *
 * Renewing from another thread is sound because the lease belongs to the process, not to a
 * thread: SIGSTOP or a crash stops this thread too, so a paused process still stops renewing and
 * its lease still expires on the server; a main thread that was merely busy still legitimately
 * holds a lease the server has extended, and every append still checks the epoch in the same
 * statement (the real fence).
 */
export function reserveRenewer(target: PgTarget): Promise<RenewerSeat> {
  if (thread === undefined || !thread.open) {
    const started: RenewerThread = new RenewerThread(RENEWER_ENTRY, () => {
      if (thread === started) thread = undefined;
    });
    thread = started;
  }
  return thread.reserve(target, nextId++);
}
