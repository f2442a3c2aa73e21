import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request a fake owner received. */
export interface Received {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** An order as a fake owner lists it. */
export interface FakeOrder {
  readonly orderId: string;
  readonly symbol: string;
  readonly createdAt: number;
}

/**
 * A stand-in for one shard's exo engine: records every request and answers as exo would, in
 * outline: a new order 201 with an ID of its shard, an order by ID, a listing of `orders` (newest
 * last in the array, paged by position like the engine's store), the event stream (hello, then
 * whatever `emit` sends), and 200 `{ok}` for anything else. `answer` overrides the status.
 */
export class FakeOwner {
  readonly received: Received[] = [];
  readonly orders: FakeOrder[] = [];
  readonly streams = new Set<ServerResponse>();
  /**
   * When set, every request but the event stream is answered with this status, or, for
   * `reset`, read and then dropped without an answer.
   */
  status: number | 'reset' | undefined;
  #server: Server;
  #events = 0;
  url = '';

  constructor(readonly shard: number) {
    this.#server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const url = request.url ?? '/';
        const method = request.method ?? 'GET';
        if (url !== '/v1/events')
          this.received.push({ method, url, headers: request.headers, body });
        this.#answer(method, url, body, response);
      });
    });
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Sends an event to every stream open on this owner. */
  emit(name: string, data: Record<string, unknown>): void {
    const id = `f${this.shard}-${++this.#events}`;
    for (const stream of this.streams) {
      stream.write(`id: ${id}\nevent: ${name}\ndata: ${JSON.stringify(data)}\n\n`);
    }
  }

  async close(): Promise<void> {
    for (const stream of this.streams) stream.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  #answer(method: string, url: string, body: string, response: ServerResponse): void {
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
      response.end(JSON.stringify(value));
    };
    if (url === '/v1/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(
        `id: f${this.shard}-0\nevent: hello\ndata: ${JSON.stringify({ symbols: [`S${this.shard}`], algos: ['take'], orders: [], quotes: [], stats: { liveOrders: this.shard } })}\n\n`,
      );
      this.streams.add(response);
      response.on('close', () => this.streams.delete(response));
      return;
    }
    if (this.status === 'reset') {
      response.socket?.destroy();
      return;
    }
    if (this.status !== undefined) {
      json(this.status, { error: 'stopped', message: 'the engine is stopping' });
      return;
    }
    const [path, query = ''] = url.split('?');
    if (method === 'POST' && path === '/v1/orders') {
      const order = JSON.parse(body) as { symbol: string };
      json(
        201,
        { orderId: `exo${this.shard}-1`, symbol: order.symbol },
        { 'idempotent-replayed': 'true' },
      );
    } else if (method === 'GET' && path === '/v1/orders') {
      this.#list(new URLSearchParams(query), json);
    } else if (path!.startsWith('/v1/orders/')) {
      json(method === 'GET' ? 200 : 202, {
        orderId: path!.slice('/v1/orders/'.length),
        shard: this.shard,
      });
    } else {
      json(200, { ok: true, shard: this.shard });
    }
  }

  /** Newest first, `limit` at a time, before position `cursor`, as the engine's store pages. */
  #list(
    query: URLSearchParams,
    json: (status: number, value: unknown, headers?: Record<string, string>) => void,
  ): void {
    const limit = Number(query.get('limit') ?? 100);
    const before = query.get('cursor') === null ? this.orders.length : Number(query.get('cursor'));
    const page: FakeOrder[] = [];
    let at = before - 1;
    for (; at >= 0 && page.length < limit; at--) page.push(this.orders[at]!);
    json(200, page, at >= 0 ? { 'next-cursor': String(at + 1) } : {});
  }
}
