import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { EventRing } from '../server/event-ring.js';
import type { EventStreamOptions } from '../server/event-stream.js';
import { frame, openResumed, writeOrCut, writeReset } from '../server/sse-wire.js';
import { shardOf } from '../shards/shard-of.js';
import type { GatewayMetrics } from './gateway-metrics.js';
import type { LeaseTable, ShardOwner } from './lease-table.js';
import { mergedHello } from './merged-hello.js';
import { ShardFeeds } from './shard-feeds.js';
import type { SseFrame } from './sse-reader.js';

/**
 * The gateway's `GET /v1/events`: every event of every shard's owner, re-emitted in one stream
 * with the gateway's own numbering (IDs `<run>-<n>`, kept in its own ring for `Last-Event-ID`
 * resumes, as a single exo does). Each event's data gains `shard`; a quote is kept only from
 * the shard that owns its symbol (every engine sees every quote). A shard's `hello` (when the
 * gateway starts following an owner, or an owner could not resume it) is re-emitted as
 * `shard.hello`, its `reset` dropped. When a shard changes owner (a takeover, a release, a first
 * owner), `shard.owner` names the shard, the previous and the new owner (`owner`, `epoch`,
 * `address`; null for none), and the stream goes on with the new owner's events. A new client
 * first gets the gateway's `hello`, merged from every owner's (see mergedHello).
 */
export class MergedStream {
  readonly #clients = new Set<ServerResponse>();
  readonly #ring: EventRing;
  readonly #run = randomBytes(4).toString('hex');
  readonly #feeds: ShardFeeds;
  readonly #maxBufferedBytes: number;
  readonly #heartbeatMs: number;
  readonly #helloOrders: number;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(
    private readonly table: LeaseTable,
    private readonly metrics: GatewayMetrics,
    private readonly authorization?: string,
    options: EventStreamOptions = {},
  ) {
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#helloOrders = options.helloOrders ?? 200;
    this.#ring = new EventRing(options.replayEvents ?? 4096);
    this.#feeds = new ShardFeeds(
      table,
      {
        onFrame: (owner, received) => this.#onFrame(owner, received),
        onOwner: (shard, previous, next) =>
          this.#emit('shard.owner', {
            shard,
            previous: ownerJSON(previous),
            owner: ownerJSON(next),
          }),
      },
      authorization,
    );
  }

  /** Starts following every shard's owner. */
  start(): void {
    this.#feeds.start();
    this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), this.#heartbeatMs).unref();
  }

  /**
   * Turns a response into the merged stream: the events missed since `lastEventId` when the
   * ring still holds them all, else `reset` (when asked to resume) and the merged hello; then
   * every event. Events that arrive while the hello is gathered follow it, none lost.
   */
  async open(response: ServerResponse, lastEventId?: string): Promise<void> {
    if (!openResumed(response, this.#ring, this.#run, lastEventId)) {
      const from = this.#ring.latest;
      const hello = await mergedHello(this.table, this.#helloOrders, this.authorization);
      if (response.destroyed) return;
      writeReset(response, lastEventId);
      const since = this.#ring.after(from);
      if (since === undefined) {
        // More events came while the hello was gathered than the ring holds: start again.
        response.end();
        return;
      }
      response.write(frame('hello', hello, this.#id(from)));
      for (const text of since) response.write(text);
    }
    this.#clients.add(response);
    response.on('close', () => this.#clients.delete(response));
  }

  /** Ends every client's stream and stops following the owners. */
  close(): void {
    clearInterval(this.#heartbeat);
    this.#feeds.close();
    // Each stream's connection is closed: the gateway is going away, clients reconnect.
    for (const client of this.#clients) client.socket?.destroy();
    this.#clients.clear();
  }

  #onFrame(owner: ShardOwner, received: SseFrame): void {
    const { shard } = owner;
    if (received.event === 'reset') return;
    let data: unknown;
    try {
      data = JSON.parse(received.data);
    } catch {
      return;
    }
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
    const record = data as Record<string, unknown>;
    if (
      received.event === 'quote' &&
      typeof record.symbol === 'string' &&
      shardOf(record.symbol, this.table.shardCount) !== shard
    ) {
      return;
    }
    const name = received.event === 'hello' ? 'shard.hello' : received.event;
    const extra = name === 'shard.hello' ? { owner: owner.owner, epoch: owner.epoch } : {};
    this.metrics.events.inc({ shard: String(shard) });
    this.#emit(name, { shard, ...extra, ...record });
  }

  #emit(name: string, data: unknown): void {
    this.#write(this.#ring.push((sequence) => frame(name, data, this.#id(sequence))));
  }

  #id(sequence: number): string {
    return `${this.#run}-${sequence}`;
  }

  #write(text: string): void {
    for (const client of this.#clients) {
      if (!writeOrCut(client, text, this.#maxBufferedBytes)) this.#clients.delete(client);
    }
  }
}

/** A shard owner as events name it; null for none. */
function ownerJSON(owner: ShardOwner | undefined): Record<string, unknown> | null {
  return owner === undefined
    ? null
    : { owner: owner.owner, epoch: owner.epoch, address: owner.address };
}
