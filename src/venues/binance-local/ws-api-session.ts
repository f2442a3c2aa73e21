import type { Duplex } from 'node:stream';
import type { WebSocket } from 'ws';
import { TurnCork } from '../../util/turn-cork.js';
import { asBinanceError, BinanceError, binanceErrors } from './binance-error.js';
import { ENDPOINTS, type Endpoint } from './endpoints.js';
import type { FaultSwitches } from './fault-switches.js';
import type { ExecutionReportJSON } from './order-json.js';
import { RequestParams } from './request-params.js';
import { type ServeDeps, serveRequest } from './serve-request.js';
import { paramText, wsPayload } from './signature-payload.js';
import { checkSigned, signedParts } from './signed-request.js';

/** The WebSocket API's endpoints by method name. */
const BY_METHOD = new Map(
  ENDPOINTS.filter((endpoint) => endpoint.ws !== undefined).map((endpoint) => [
    endpoint.ws!,
    endpoint,
  ]),
);
/** The weight of the user data stream requests. */
const STREAM_WEIGHT = 2;

/** A request as the WebSocket API reads it. */
interface WsRequest {
  readonly id: unknown;
  readonly method: string;
  readonly params: Readonly<Record<string, unknown>>;
}

/**
 * One WebSocket API connection (`/ws-api/v3`): answers each request `{id, method, params}` with
 * `{id, status, result | error, rateLimits}` (web-socket-api.md), signing checked on the params
 * sorted by name; holds the connection's user data stream subscription
 * (`userDataStream.subscribe.signature`), whose events go out as `{subscriptionId, event}`. What
 * it sends in one turn of the event loop leaves in one write (see TurnCork): under a stream of
 * orders, answers and reports cost a system call a burst, not one each.
 */
export class WsApiSession {
  readonly #socket: WebSocket;
  readonly #cork: TurnCork;
  readonly #deps: ServeDeps;
  readonly #faults: FaultSwitches;
  readonly #ip: string;
  readonly #returnRateLimits: boolean;
  #subscriptionId: number | undefined;
  #subscriptions = 0;

  /** `raw` is the connection `socket` runs on, corked by turn. */
  constructor(
    socket: WebSocket,
    raw: Duplex,
    ip: string,
    returnRateLimits: boolean,
    deps: ServeDeps,
    faults: FaultSwitches,
  ) {
    this.#socket = socket;
    this.#cork = new TurnCork(raw);
    this.#ip = ip;
    this.#returnRateLimits = returnRateLimits;
    this.#deps = deps;
    this.#faults = faults;
    socket.on('message', (data, isBinary) => {
      void this.#onMessage(isBinary ? undefined : String(data));
    });
  }

  /** Whether the connection carries a user data stream subscription. */
  get subscribed(): boolean {
    return this.#subscriptionId !== undefined;
  }

  /** Sends an executionReport to the subscription, if there is one (twice under that fault). */
  deliver(report: ExecutionReportJSON): void {
    if (this.#subscriptionId === undefined) return;
    const text = JSON.stringify({ subscriptionId: this.#subscriptionId, event: report });
    this.#sendText(text);
    if (this.#faults.duplicateReports) this.#sendText(text);
  }

  /** Ends the subscription with Binance's eventStreamTerminated event. */
  terminateStream(now: number): void {
    if (this.#subscriptionId === undefined) return;
    const subscriptionId = this.#subscriptionId;
    this.#subscriptionId = undefined;
    this.#sendText(
      JSON.stringify({ subscriptionId, event: { e: 'eventStreamTerminated', E: now } }),
    );
  }

  /** Tells the client the server is about to go away: Binance's serverShutdown event. */
  announceShutdown(now: number): void {
    this.#sendText(JSON.stringify({ event: { e: 'serverShutdown', E: now } }));
  }

  /** Cuts the connection at once, after what was sent so far. */
  terminate(): void {
    this.#cork.flush();
    this.#socket.terminate();
  }

  #sendText(text: string): void {
    if (this.#socket.readyState !== this.#socket.OPEN) return;
    this.#cork.hold();
    this.#socket.send(text);
  }

  async #onMessage(text: string | undefined): Promise<void> {
    const request = parseRequest(text);
    if (request instanceof BinanceError) {
      this.#respond(null, request, false);
      return;
    }
    const method = request.method.replace(/^v3\//, '');
    const endpoint = BY_METHOD.get(method);
    let outcome: unknown;
    try {
      outcome = await this.#serve(method, endpoint, request.params);
    } catch (error) {
      outcome = asBinanceError(error);
    }
    const fault = this.#faults.takeReply(method);
    if (fault?.kind === 'drop') return;
    if (fault?.kind === 'delay') {
      const { clock } = this.#deps;
      await new Promise<void>((resolve) => clock.setTimer(clock.now() + fault.delayMs, resolve));
    }
    if (fault?.kind === 'timeout') outcome = binanceErrors.timeout();
    const returnRateLimits =
      typeof request.params.returnRateLimits === 'boolean'
        ? request.params.returnRateLimits
        : this.#returnRateLimits;
    this.#respond(request.id, outcome, returnRateLimits, endpoint?.placesOrders === true);
  }

  async #serve(
    method: string,
    endpoint: Endpoint | undefined,
    raw: Readonly<Record<string, unknown>>,
  ): Promise<unknown> {
    const params = new RequestParams(textParams(raw));
    params.consume('returnRateLimits', 'signature');
    const signed = {
      apiKey: typeof raw.apiKey === 'string' ? raw.apiKey : undefined,
      payload: wsPayload(raw),
      signature: typeof raw.signature === 'string' ? raw.signature : undefined,
    };
    if (endpoint !== undefined) return serveRequest(endpoint, params, signed, this.#ip, this.#deps);
    const { clock, keys, context } = this.#deps;
    if (method === 'userDataStream.subscribe.signature') {
      context.limits.chargeWeight(this.#ip, STREAM_WEIGHT, clock.now());
      const parts = signedParts(signed, params);
      params.done();
      checkSigned(keys, parts, clock.now());
      this.#subscriptionId ??= this.#subscriptions++;
      return { subscriptionId: this.#subscriptionId };
    }
    if (method === 'userDataStream.unsubscribe') {
      context.limits.chargeWeight(this.#ip, STREAM_WEIGHT, clock.now());
      params.optionalInteger('subscriptionId');
      params.done();
      this.#subscriptionId = undefined;
      return {};
    }
    throw binanceErrors.unsupported();
  }

  #respond(id: unknown, outcome: unknown, returnRateLimits: boolean, withOrders = false): void {
    const { clock, context } = this.#deps;
    const rateLimits = returnRateLimits
      ? { rateLimits: context.limits.usageJSON(this.#ip, clock.now(), withOrders) }
      : {};
    if (outcome instanceof BinanceError) {
      const data =
        outcome.retryAfter !== undefined
          ? { serverTime: clock.now(), retryAfter: outcome.retryAfter }
          : outcome.data;
      const error = { ...outcome.toJSON(), ...(data === undefined ? {} : { data }) };
      this.#sendText(JSON.stringify({ id, status: outcome.status, error, ...rateLimits }));
    } else {
      this.#sendText(JSON.stringify({ id, status: 200, result: outcome, ...rateLimits }));
    }
  }
}

/** A request from a text frame, or the error to answer a malformed one with. */
function parseRequest(text: string | undefined): WsRequest | BinanceError {
  let value: unknown;
  try {
    value = text === undefined ? undefined : JSON.parse(text);
  } catch {
    value = undefined;
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return new BinanceError(400, -1135, 'Invalid JSON Request');
  }
  const { id, method, params = {} } = value as Record<string, unknown>;
  if (typeof method !== 'string') return binanceErrors.mandatory('method');
  if (typeof params !== 'object' || params === null || Array.isArray(params)) {
    return binanceErrors.invalidParam('params');
  }
  return { id: id ?? null, method, params: params as Record<string, unknown> };
}

/** Params as text, as REST would send them: strings as they are, anything else as JSON. */
function textParams(raw: Readonly<Record<string, unknown>>): Map<string, string> {
  const params = new Map<string, string>();
  for (const name of Object.keys(raw)) params.set(name, paramText(raw[name]));
  return params;
}
