import type { ServerResponse } from 'node:http';
import type { Engine } from '../engine/engine.js';
import type { ServiceEvent } from '../engine/service-event.js';
import { quoteToJSON } from '../market/json.js';
import { orderEventToJSON, orderSummaryToJSON } from './order-json.js';

/** How an event stream treats its clients. */
export interface EventStreamOptions {
  /** A client further behind than this many bytes is disconnected (it may reconnect). */
  readonly maxBufferedBytes?: number;
  /** How often an idle stream gets a comment line, so proxies keep it open. */
  readonly heartbeatMs?: number;
  /** How many recent orders the `hello` event carries. */
  readonly helloOrders?: number;
}

/**
 * The server-sent event stream of `GET /v1/events`. Every engine event is formatted once and
 * written to every client; a new client first gets `hello` (recent orders, latest quotes, stats),
 * then every event after it, in order. A client that cannot keep up is cut off, never buffered
 * without end.
 */
export class EventStream {
  readonly #engine: Engine;
  readonly #clients = new Set<ServerResponse>();
  readonly #maxBufferedBytes: number;
  readonly #heartbeatMs: number;
  readonly #helloOrders: number;
  #unsubscribe: (() => void) | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(engine: Engine, options: EventStreamOptions = {}) {
    this.#engine = engine;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#helloOrders = options.helloOrders ?? 200;
  }

  /** How many clients are connected. */
  get size(): number {
    return this.#clients.size;
  }

  /** Turns a response into an event stream: headers, `hello`, then every event until it closes. */
  open(response: ServerResponse): void {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    response.write(frame('hello', this.#hello()));
    this.#clients.add(response);
    response.on('close', () => this.#remove(response));
    if (this.#unsubscribe === undefined) {
      this.#unsubscribe = this.#engine.events.on('event', (event) => this.#broadcast(event));
      this.#heartbeat = setInterval(() => this.#write(': ping\n\n'), this.#heartbeatMs).unref();
    }
  }

  /** Ends every stream: the server is closing. */
  closeAll(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
    this.#stopFollowing();
  }

  #hello(): Record<string, unknown> {
    const engine = this.#engine;
    return {
      symbols: engine.symbols,
      algos: engine.algos,
      orders: engine.store.list({ limit: this.#helloOrders }).map(orderSummaryToJSON),
      quotes: engine.quotes.latest().map(quoteToJSON),
      stats: engine.stats(),
    };
  }

  #broadcast(event: ServiceEvent): void {
    switch (event.type) {
      case 'order':
        this.#write(frame(event.event.kind, orderEventToJSON(event.event, event.order.snapshot())));
        break;
      case 'quote':
        this.#write(frame('quote', quoteToJSON(event.quote)));
        break;
      case 'stats':
        this.#write(frame('stats', event.stats));
        break;
      case 'engine_error':
        this.#write(frame('engine_error', { error: event.error, message: event.message }));
        break;
      case 'recovery_completed':
        this.#write(frame('recovery.completed', event.outcome));
        break;
    }
  }

  #write(text: string): void {
    for (const client of this.#clients) {
      if (client.writableLength > this.#maxBufferedBytes) {
        client.destroy();
        this.#remove(client);
      } else {
        client.write(text);
      }
    }
  }

  #remove(client: ServerResponse): void {
    this.#clients.delete(client);
    if (this.#clients.size === 0) this.#stopFollowing();
  }

  #stopFollowing(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}

/** One server-sent event: its name and its JSON data on one line. */
function frame(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}
