import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { Engine } from '../engine/engine.js';
import type { ServiceEvent } from '../engine/service-event.js';
import { quoteToJSON } from '../market/json.js';
import { lossBreachToJSON } from '../risk/risk-usage.js';
import { EventRing } from './event-ring.js';
import { orderEventToJSON, orderSummaryToJSON } from './order-json.js';
import { frame, openResumed, writeOrCut, writeReset } from './sse-wire.js';

/** How an event stream treats its clients. */
export interface EventStreamOptions {
  /** A client further behind than this many bytes is disconnected (it may reconnect). */
  readonly maxBufferedBytes?: number;
  /** How often an idle stream gets a comment line, so proxies keep it open. */
  readonly heartbeatMs?: number;
  /** How many recent orders the `hello` event carries. */
  readonly helloOrders?: number;
  /** How many recent events are kept for clients resuming with `Last-Event-ID`. */
  readonly replayEvents?: number;
}

/**
 * The server-sent event stream of `GET /v1/events`. Every engine event is formatted once, with an
 * `id:`, kept in a bounded ring and written to every client. A new client first gets `hello`
 * (recent orders, latest quotes, stats), then every event after it, in order. A client that
 * reconnects with `Last-Event-ID` gets the events it missed from the ring, then the live ones; if
 * they are no longer all held, or the ID is not one this process sent (exo restarted), it gets
 * `reset` and then `hello`, so it knows to rebuild its state. Once a first client connected, the
 * stream follows the engine until closed, so events sent while no client is connected can still
 * be resumed. A client that cannot keep up is cut off, never buffered without end.
 */
export class EventStream {
  readonly #engine: Engine;
  readonly #clients = new Set<ServerResponse>();
  readonly #maxBufferedBytes: number;
  readonly #heartbeatMs: number;
  readonly #helloOrders: number;
  readonly #ring: EventRing;
  /** This process's prefix of every event ID: an ID from another run is never resumed. */
  readonly #run = randomBytes(4).toString('hex');
  #unsubscribe: (() => void) | undefined;
  #heartbeat: NodeJS.Timeout | undefined;

  constructor(engine: Engine, options: EventStreamOptions = {}) {
    this.#engine = engine;
    this.#maxBufferedBytes = options.maxBufferedBytes ?? 4 * 1024 * 1024;
    this.#heartbeatMs = options.heartbeatMs ?? 15_000;
    this.#helloOrders = options.helloOrders ?? 200;
    this.#ring = new EventRing(options.replayEvents ?? 1024);
  }

  /** How many clients are connected. */
  get size(): number {
    return this.#clients.size;
  }

  /**
   * Turns a response into an event stream: headers, then the events missed since `lastEventId`
   * when it can resume from there, else `reset` (when it was asked to resume) and `hello`; then
   * every event until it closes.
   */
  open(response: ServerResponse, lastEventId?: string): void {
    if (!openResumed(response, this.#ring, this.#run, lastEventId)) {
      writeReset(response, lastEventId);
      response.write(frame('hello', this.#hello(), this.#id(this.#ring.latest)));
    }
    this.#clients.add(response);
    response.on('close', () => this.#remove(response));
    this.#unsubscribe ??= this.#engine.events.on('event', (event) => this.#broadcast(event));
    this.#heartbeat ??= setInterval(() => this.#write(': ping\n\n'), this.#heartbeatMs).unref();
  }

  /** Ends every stream and stops following the engine: the server is closing. */
  closeAll(): void {
    for (const client of this.#clients) client.end();
    this.#clients.clear();
    this.#stopHeartbeat();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #id(sequence: number): string {
    return `${this.#run}-${sequence}`;
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
    const [name, data] = named(event);
    this.#write(this.#ring.push((sequence) => frame(name, data, this.#id(sequence))));
  }

  #write(text: string): void {
    for (const client of this.#clients) {
      if (!writeOrCut(client, text, this.#maxBufferedBytes)) this.#remove(client);
    }
  }

  #remove(client: ServerResponse): void {
    this.#clients.delete(client);
    if (this.#clients.size === 0) this.#stopHeartbeat();
  }

  #stopHeartbeat(): void {
    clearInterval(this.#heartbeat);
    this.#heartbeat = undefined;
  }
}

/** A service event's SSE name and JSON data. */
function named(event: ServiceEvent): [string, unknown] {
  switch (event.type) {
    case 'order':
      return [event.event.kind, orderEventToJSON(event.event, event.order.snapshot())];
    case 'quote':
      return ['quote', quoteToJSON(event.quote)];
    case 'stats':
      return ['stats', event.stats];
    case 'engine_error':
      return ['engine_error', { error: event.error, message: event.message }];
    case 'recovery_completed':
      return ['recovery.completed', event.outcome];
    case 'risk_breach':
      return ['risk_breach', lossBreachToJSON(event.breach)];
    case 'auto_halt_triggered':
      return ['auto_halt.triggered', { cause: event.cause, reason: event.reason }];
    case 'trading_state':
    case 'halt_confirmed':
    case 'orphan_cancelled':
    case 'venue': {
      const { type, ...data } = event;
      return [type, data];
    }
  }
}
