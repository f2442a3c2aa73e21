import type { FixStore } from './store.js';
import type { FixTransport } from './transport.js';

/**
 * How a session's owner joins the commit of each received chunk under fsync 'always' (see
 * ChunkGroup): what it records while the chunk is handled is forced to disk once, at `flush`, and
 * what must wait for that (a report reaching exo) waits until `release`.
 */
export interface ChunkCommitHooks {
  /** A received chunk is about to be handled: hold back fsyncs and effects until `flush`/`release`. */
  hold(): void;
  /** The chunk was handled: force what was recorded to disk now, before the session store is. */
  flush(): void;
  /** The owner's records and the session store are on disk, what the chunk caused has gone out: act now. */
  release(): void;
}

/**
 * One received chunk as one commit, for a store whose policy is 'always': while its messages are
 * handled the store holds its records (applied in memory, not yet written) and what the session
 * sends waits here. At commit the owner forces its own records to disk (`flush`, first: a sequence
 * number must never be on disk ahead of what its message was turned into), the store writes and
 * fsyncs the held records once, the waiting messages go out, and the owner acts (`release`). So
 * nothing acts on a record before it is on disk and nothing reaches the socket unstored, at one
 * fsync per chunk instead of one per append.
 */
export class ChunkGroup {
  #outbox: Array<{ readonly transport: FixTransport; readonly raw: Buffer }> | undefined;

  constructor(
    readonly store: FixStore,
    readonly hooks: ChunkCommitHooks | undefined,
  ) {}

  /** Opens a group for the chunk about to be handled (only for the 'always' policy). */
  begin(): void {
    if (this.store.fsync !== 'always' || this.#outbox !== undefined) return;
    this.#outbox = [];
    this.store.hold();
    this.hooks?.hold();
  }

  /** Keeps `raw` to send at commit; false when no group is open (send it now). */
  queue(transport: FixTransport, raw: Buffer): boolean {
    if (this.#outbox === undefined) return false;
    this.#outbox.push({ transport, raw });
    return true;
  }

  /** Commits the open group (see the class); does nothing when none is open. */
  commit(): void {
    const outbox = this.#outbox;
    if (outbox === undefined) return;
    this.#outbox = undefined;
    this.hooks?.flush();
    this.store.commit();
    for (const { transport, raw } of outbox) transport.send(raw);
    this.hooks?.release();
  }
}
