import type { FastifyInstance, FastifyReply } from 'fastify';
import type { BinanceOrder } from './binance-order.js';
import type { FaultSwitches, ReplyFault } from './fault-switches.js';

/** What the control endpoints act on besides the fault switches. */
export interface ControlTargets {
  readonly faults: FaultSwitches;
  /** Ends the user data stream: its connections cut (`close`), or eventStreamTerminated sent. */
  dropUserStream(mode: 'close' | 'terminate'): number;
  /** Sends serverShutdown on every WebSocket API connection; cuts them after `closeAfterMs`. */
  announceShutdown(closeAfterMs: number | undefined): number;
  /** Cuts every connection and listens again after `downMs`, the book kept. */
  restart(downMs: number): void;
  /**
   * Holds the account's executionReports back (`on`), as a slow user stream would, or sends
   * what was held, in order, and stops holding: the number sent.
   */
  holdReports(on: boolean): number;
  /** Every order the account placed, oldest first. */
  orders(): readonly BinanceOrder[];
}

/**
 * An order as `GET /control/orders` lists it: what Binance's own queries show, and every client
 * order ID it carried (placed under first), which they cannot show once a cancel renamed it.
 */
export function orderNamesJSON(order: BinanceOrder) {
  return {
    symbol: order.terms.symbol.binance,
    orderId: order.orderId,
    clientOrderIds: [...order.clientOrderIds],
    status: order.status,
    origQty: order.origQty.toFixed(),
    executedQty: order.executedQty.toFixed(),
  };
}

/** One order of `GET /control/orders`. */
export type OrderNamesJSON = ReturnType<typeof orderNamesJSON>;

/** A body field as a whole number at least `min`, or `fallback` when absent; undefined when bad. */
function count(value: unknown, fallback: number, min = 0): number | undefined {
  if (value === undefined) return fallback;
  return typeof value === 'number' && Number.isInteger(value) && value >= min ? value : undefined;
}

/**
 * The fault switches, as JSON POSTs under `/control/` (answered only to the loopback):
 * `reply-fault` {method, fault: drop|delay|timeout, count?, delayMs?} acts on the reply to the
 * next `count` requests of a method (a WebSocket API method or `POST /api/v3/order`);
 * `duplicate-reports` {on}; `hold-reports` {on} (executionReports held back, then sent in order
 * when turned off); `drop-user-stream` {mode?: close|terminate}; `server-shutdown`
 * {closeAfterMs?}; `restart` {downMs?}; `clear`. A bad body is 400 with the reason. `GET
 * /control/orders` lists every order with all its client IDs (orderNamesJSON), for a harness
 * that must tell whose each order was after cancels renamed them.
 */
export function registerControlApi(app: FastifyInstance, targets: ControlTargets): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/control/')) return;
    const ip = request.socket.remoteAddress ?? '';
    if (!['127.0.0.1', '::1', '::ffff:127.0.0.1'].includes(ip)) {
      await reply.code(403).send({ error: 'the control endpoints answer the loopback only' });
    }
  });
  const body = (raw: unknown): Record<string, unknown> =>
    typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  const bad = (reply: FastifyReply, error: string) => reply.code(400).send({ error });
  app.post('/control/reply-fault', async (request, reply) => {
    const { method, fault, delayMs } = body(request.body);
    const times = count(body(request.body).count, 1, 1);
    if (typeof method !== 'string' || method === '') return bad(reply, 'method: expected a name');
    if (times === undefined) return bad(reply, 'count: expected a whole number of at least 1');
    let armed: ReplyFault;
    if (fault === 'drop' || fault === 'timeout') armed = { kind: fault };
    else if (fault === 'delay') {
      const ms = count(delayMs, -1);
      if (ms === undefined || ms < 0) return bad(reply, 'delayMs: expected milliseconds');
      armed = { kind: 'delay', delayMs: ms };
    } else return bad(reply, 'fault: expected drop, delay or timeout');
    targets.faults.armReply(method, armed, times);
    return { armed: { method, ...armed, count: times } };
  });
  app.post('/control/duplicate-reports', async (request, reply) => {
    const { on } = body(request.body);
    if (typeof on !== 'boolean') return bad(reply, 'on: expected true or false');
    targets.faults.duplicateReports = on;
    return { duplicateReports: on };
  });
  app.post('/control/hold-reports', async (request, reply) => {
    const { on } = body(request.body);
    if (typeof on !== 'boolean') return bad(reply, 'on: expected true or false');
    return { holding: on, released: targets.holdReports(on) };
  });
  app.post('/control/drop-user-stream', async (request, reply) => {
    const { mode = 'close' } = body(request.body);
    if (mode !== 'close' && mode !== 'terminate')
      return bad(reply, 'mode: expected close or terminate');
    return { dropped: targets.dropUserStream(mode) };
  });
  app.post('/control/server-shutdown', async (request, reply) => {
    const { closeAfterMs } = body(request.body);
    const after = closeAfterMs === undefined ? undefined : count(closeAfterMs, 0);
    if (closeAfterMs !== undefined && after === undefined) {
      return bad(reply, 'closeAfterMs: expected milliseconds');
    }
    return { told: targets.announceShutdown(after) };
  });
  app.post('/control/restart', async (request, reply) => {
    const downMs = count(body(request.body).downMs, 500);
    if (downMs === undefined) return bad(reply, 'downMs: expected milliseconds');
    reply.raw.once('finish', () => targets.restart(downMs));
    return { restarting: { downMs } };
  });
  app.get('/control/orders', async () => ({ orders: targets.orders().map(orderNamesJSON) }));
  app.post('/control/clear', async () => {
    targets.faults.clear();
    targets.holdReports(false);
    return { cleared: true };
  });
}
