import type { FastifyInstance, FastifyReply, FastifyRequest, HTTPMethods } from 'fastify';
import { asBinanceError, binanceErrors } from './binance-error.js';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import type { FaultSwitches } from './fault-switches.js';
import { RequestParams } from './request-params.js';
import { type ServeDeps, serveRequest } from './serve-request.js';
import { restParams } from './signature-payload.js';

/**
 * Serves every endpoint with a REST name on `app`, Binance's way: parameters from the query string
 * and a form body, the API key in `X-MBX-APIKEY`, errors as `{code, msg}` with Binance's HTTP
 * status (Retry-After on a 429 and a 418), `X-MBX-USED-WEIGHT-1M` on every answer and the
 * order counts on order answers. Reply faults are applied after the request was served.
 */
export function registerRestApi(
  app: FastifyInstance,
  deps: ServeDeps,
  faults: FaultSwitches,
): void {
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));
  for (const endpoint of ENDPOINTS) {
    if (endpoint.rest === undefined) continue;
    const [method, url] = endpoint.rest.split(' ') as [HTTPMethods, string];
    app.route({
      method,
      url,
      handler: (request, reply) => answer(endpoint, request, reply, deps, faults),
    });
  }
}

async function answer(
  endpoint: Endpoint,
  request: FastifyRequest,
  reply: FastifyReply,
  deps: ServeDeps,
  faults: FaultSwitches,
): Promise<void> {
  const { clock, context } = deps;
  const ip = request.ip;
  let status = 200;
  let body: unknown;
  try {
    const raw = request.raw.url ?? '';
    const question = raw.indexOf('?');
    const rawQuery = question < 0 ? '' : raw.slice(question + 1);
    const rawBody = typeof request.body === 'string' ? request.body : '';
    const { params, payload, signature } = restParams(rawQuery, rawBody);
    const apiKey = request.headers['x-mbx-apikey'];
    body = await serveRequest(
      endpoint,
      new RequestParams(params),
      { apiKey: typeof apiKey === 'string' ? apiKey : undefined, payload, signature },
      ip,
      deps,
    );
  } catch (error) {
    const refusal = asBinanceError(error);
    status = refusal.status;
    body = refusal.toJSON();
    if (refusal.retryAfter !== undefined) {
      const seconds = Math.max(1, Math.ceil((refusal.retryAfter - clock.now()) / 1000));
      reply.header('Retry-After', String(seconds));
    }
  }
  const now = clock.now();
  reply.header('X-MBX-USED-WEIGHT-1M', String(context.limits.weightUsed(ip, now)));
  if (endpoint.placesOrders === true) {
    const orders = context.limits.ordersUsed(now);
    reply.header('X-MBX-ORDER-COUNT-10S', String(orders.tenSeconds));
    reply.header('X-MBX-ORDER-COUNT-1D', String(orders.day));
  }
  const fault = faults.takeReply(endpoint.rest);
  if (fault?.kind === 'drop') {
    reply.hijack();
    request.raw.socket.destroy();
    return;
  }
  if (fault?.kind === 'delay') {
    await new Promise<void>((resolve) => clock.setTimer(clock.now() + fault.delayMs, resolve));
  }
  if (fault?.kind === 'timeout') {
    const unknown = binanceErrors.timeout();
    status = unknown.status;
    body = unknown.toJSON();
  }
  await reply.code(status).type('application/json;charset=UTF-8').send(JSON.stringify(body));
}
