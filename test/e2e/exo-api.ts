import { expect } from 'vitest';
import { followEvents } from '../server/sse-client.js';
import { until } from './fix-processes.js';

/** Sends a JSON request to exo's HTTP API; the status and the parsed body. */
export async function api(
  url: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** A child as `GET /v1/orders/:id` shows it (the fields these tests read). */
export interface ChildView {
  readonly clOrdId: string;
  readonly venueClOrdId?: string;
  readonly status: string;
  readonly quantity: string;
  readonly cumQty: string;
  readonly limitPrice?: string;
  readonly timeInForce: string;
}

/** An order as `GET /v1/orders/:id` shows it (the fields these tests read). */
export interface OrderView {
  readonly orderId: string;
  readonly status: string;
  readonly quantity: string;
  readonly cumQty: string;
  readonly limitPrice?: string;
  readonly children: ChildView[];
  readonly fills: Array<{ execId: string; clOrdId: string; qty: string; px: string }>;
}

/** The order as exo shows it now. */
export async function orderOf(url: string, orderId: string): Promise<OrderView> {
  const { status, body } = await api(url, 'GET', `/v1/orders/${orderId}`);
  expect(status).toBe(200);
  return body as unknown as OrderView;
}

/** Polls the order until `done` holds (deadline `timeout` ms); returns it then. */
export async function orderWhen(
  url: string,
  orderId: string,
  done: (order: OrderView) => boolean,
  timeout = 20_000,
): Promise<OrderView> {
  let last: OrderView | undefined;
  await until(
    async () => {
      last = await orderOf(url, orderId);
      return done(last);
    },
    timeout,
    () => `order ${orderId} to reach the state awaited; last seen: ${JSON.stringify(last)}`,
  );
  return last!;
}

/** Places an order (201 expected); its ID. */
export async function place(url: string, order: Record<string, unknown>): Promise<string> {
  const placed = await api(url, 'POST', '/v1/orders', order);
  expect(placed.status, JSON.stringify(placed.body)).toBe(201);
  return placed.body.orderId as string;
}

/** Whether exo's link to the venue is up, as `GET /v1/venue` says. */
export async function venueConnected(url: string): Promise<boolean> {
  const { body } = await api(url, 'GET', '/v1/venue');
  return (body.link as { connected?: boolean } | undefined)?.connected === true;
}

/** The latest quote of `symbol` exo has, from the `hello` of its event stream (undefined before one). */
export async function touchOf(
  url: string,
  symbol = 'BTC-USD',
): Promise<{ bidPx: string; askPx: string } | undefined> {
  const stream = await followEvents(`${url}/v1/events`);
  try {
    const hello = await stream.next();
    const quotes = hello.data.quotes as Array<{ symbol: string; bidPx: string; askPx: string }>;
    return quotes.find((quote) => quote.symbol === symbol);
  } finally {
    stream.close();
  }
}
