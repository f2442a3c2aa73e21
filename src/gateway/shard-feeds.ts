import type { LeaseTable, ShardOwner } from './lease-table.js';
import { readEvents, type SseFrame, type SseReader } from './sse-reader.js';

/** How long after a shard's stream ended it is opened again (to the owner the table names). */
const RECONNECT_MS = 250;

/** What the feeds report: each event of a shard's owner, and each change of a shard's owner. */
export interface FeedHandlers {
  onFrame(owner: ShardOwner, frame: SseFrame): void;
  onOwner(shard: number, previous: ShardOwner | undefined, next: ShardOwner | undefined): void;
}

interface Feed {
  readonly owner: ShardOwner;
  reader?: SseReader;
  timer?: NodeJS.Timeout;
  /** The owner's ID of the last event read, to resume from when the stream is reopened. */
  lastEventId?: string;
}

/**
 * Follows the event stream of every shard's live owner. When a stream ends while the lease table
 * still names the same owner, it is reopened after the last event read (the owner resumes it, or
 * sends reset and hello); when the table names another owner (a takeover), the old stream is
 * closed, onOwner is told, and the new owner's stream is followed from its hello.
 */
export class ShardFeeds {
  readonly #feeds = new Map<number, Feed>();
  #closed = false;

  constructor(
    private readonly table: LeaseTable,
    private readonly handlers: FeedHandlers,
    /** The `Authorization` header the gateway sends owners, when they require a token. */
    private readonly authorization?: string,
  ) {}

  /** Follows every live owner now and every later owner. */
  start(): void {
    for (const owner of this.table.owners()) this.#follow(owner);
    this.table.onChange((shard, previous, next) => {
      if (this.#closed) return;
      this.#stop(shard);
      this.handlers.onOwner(shard, previous, next);
      if (next !== undefined) this.#follow(next);
    });
  }

  /** Stops following every owner. */
  close(): void {
    this.#closed = true;
    for (const shard of [...this.#feeds.keys()]) this.#stop(shard);
  }

  #follow(owner: ShardOwner, lastEventId?: string): void {
    const feed: Feed = lastEventId === undefined ? { owner } : { owner, lastEventId };
    this.#feeds.set(owner.shard, feed);
    feed.reader = readEvents(
      `${owner.address}/v1/events`,
      {
        onFrame: (frame) => {
          if (frame.id !== undefined) feed.lastEventId = frame.id;
          this.handlers.onFrame(owner, frame);
        },
        onEnd: () => {
          if (this.#closed || this.#feeds.get(owner.shard) !== feed) return;
          void this.table.refresh().catch(() => undefined);
          feed.timer = setTimeout(() => {
            if (this.#closed || this.#feeds.get(owner.shard) !== feed) return;
            const current = this.table.owner(owner.shard);
            if (current === undefined) return;
            const same = current.epoch === owner.epoch && current.address === owner.address;
            this.#follow(current, same ? feed.lastEventId : undefined);
          }, RECONNECT_MS);
          feed.timer.unref();
        },
      },
      {
        ...(this.authorization === undefined ? {} : { authorization: this.authorization }),
        ...(feed.lastEventId === undefined ? {} : { lastEventId: feed.lastEventId }),
      },
    );
  }

  #stop(shard: number): void {
    const feed = this.#feeds.get(shard);
    if (feed === undefined) return;
    this.#feeds.delete(shard);
    clearTimeout(feed.timer);
    feed.reader?.close();
  }
}
