import WebSocket from 'ws';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { TurnCork } from '../../util/turn-cork.js';
import { BinanceApiError, BinanceNoAnswerError, BinanceNotSentError } from './binance-api-error.js';

/** What a WebSocket API connection tells its owner. */
export interface WsApiOwner {
  /** A frame that answers no request: a user data stream event or serverShutdown. */
  event(message: Record<string, unknown>): void;
  /** The connection closed (or never opened); `connection` says which. */
  closed(connection: WsApiConnection): void;
}

interface Waiting {
  readonly method: string;
  readonly timeoutMs: number;
  /** When it fails unanswered, on the clock. */
  readonly deadline: number;
  readonly resolve: (result: unknown) => void;
  readonly reject: (error: Error) => void;
}

/**
 * One connection to Binance's WebSocket API (`/ws-api/v3`): requests `{id, method, params}`
 * answered by ID, each within `timeoutMs` or failed with BinanceNoAnswerError (as every request
 * still waiting is when the connection closes); error answers fail with BinanceApiError carrying
 * Binance's code, and Retry-After (`data.retryAfter`) on 429/418. Frames that answer nothing go to
 * the owner. It never reconnects: BinanceSession does, and rotates. One timer, set for the earliest
 * deadline, serves every request waiting: a timer set and cleared per request cost more than the
 * rest of sending it. The requests sent in one turn of the event loop leave in one write (see
 * TurnCork). It connects with `returnRateLimits=false`: exo keeps the limits itself
 * (request-gate.ts), and the `rateLimits` Binance adds to every answer otherwise, two thirds of an
 * order's, would be written, sent and parsed for nothing.
 */
export class WsApiConnection {
  /** Resolves once open; rejects when it closes first. */
  readonly opened: Promise<void>;
  readonly #socket: WebSocket;
  readonly #clock: Clock;
  readonly #owner: WsApiOwner;
  /** Corks the connection's socket by turn, once the handshake has given it. */
  #cork: TurnCork | undefined;
  readonly #waiting = new Map<string, Waiting>();
  #requests = 0;
  /** The timer for the earliest deadline, and when it is set for (Infinity: none). */
  #cancelTimer: CancelTimer | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(url: string, clock: Clock, owner: WsApiOwner) {
    this.#clock = clock;
    this.#owner = owner;
    this.#socket = new WebSocket(withoutRateLimits(url));
    this.opened = new Promise((resolve, reject) => {
      this.#socket.once('open', () => resolve());
      this.#socket.once('close', () =>
        reject(new BinanceNoAnswerError(`cannot connect to ${url}`)),
      );
    });
    this.opened.catch(() => {});
    this.#socket.once('upgrade', (response) => {
      this.#cork = new TurnCork(response.socket);
    });
    this.#socket.on('message', (data) => this.#receive(String(data)));
    this.#socket.on('error', () => {});
    this.#socket.on('close', () => this.#closed());
  }

  /** Whether the connection is open. */
  get open(): boolean {
    return this.#socket.readyState === WebSocket.OPEN;
  }

  /** Requests waiting for their answers. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /** Sends a request and resolves with its `result`. */
  call(method: string, params: Record<string, unknown>, timeoutMs: number): Promise<unknown> {
    if (!this.open) return Promise.reject(new BinanceNotSentError(`${method}: not connected`));
    const id = `x${++this.#requests}`;
    return new Promise((resolve, reject) => {
      const deadline = this.#clock.now() + timeoutMs;
      this.#waiting.set(id, { method, timeoutMs, deadline, resolve, reject });
      if (deadline < this.#timerAt) this.#arm(deadline);
      this.#cork?.hold();
      this.#socket.send(JSON.stringify({ id, method, params }));
    });
  }

  /** Closes it; requests still waiting fail with BinanceNoAnswerError. */
  close(): void {
    this.#cork?.flush();
    this.#socket.terminate();
  }

  #receive(text: string): void {
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    const id = typeof message.id === 'string' ? message.id : undefined;
    const waiting = id === undefined ? undefined : this.#waiting.get(id);
    if (waiting === undefined) {
      if (id === undefined) this.#owner.event(message);
      return;
    }
    this.#waiting.delete(id!);
    const status = typeof message.status === 'number' ? message.status : 0;
    if (status === 200) {
      waiting.resolve(message.result);
      return;
    }
    const error = (message.error ?? {}) as { code?: unknown; msg?: unknown; data?: unknown };
    const retryAfter = (error.data as { retryAfter?: unknown } | undefined)?.retryAfter;
    waiting.reject(
      new BinanceApiError(
        status,
        typeof error.code === 'number' ? error.code : -1,
        typeof error.msg === 'string' ? error.msg : `status ${status}`,
        typeof retryAfter === 'number' ? Math.max(0, retryAfter - this.#clock.now()) : undefined,
      ),
    );
  }

  /** Sets the timer for `time`, in place of any other. */
  #arm(time: number): void {
    this.#cancelTimer?.();
    this.#timerAt = time;
    this.#cancelTimer = this.#clock.setTimer(time, () => this.#expire());
  }

  /** Fails the requests past their deadline; sets the timer again for the earliest left. */
  #expire(): void {
    this.#cancelTimer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    const now = this.#clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const [id, waiting] of this.#waiting) {
      if (waiting.deadline > now) {
        next = Math.min(next, waiting.deadline);
        continue;
      }
      this.#waiting.delete(id);
      waiting.reject(
        new BinanceNoAnswerError(`${waiting.method}: no answer in ${waiting.timeoutMs} ms`),
      );
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }

  #closed(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
    for (const waiting of this.#waiting.values()) {
      waiting.reject(new BinanceNoAnswerError('connection closed before the answer came'));
    }
    this.#waiting.clear();
    this.#owner.closed(this);
  }
}

/** `url` with `returnRateLimits=false` (web-socket-api.md: answers then carry no `rateLimits`). */
function withoutRateLimits(url: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set('returnRateLimits', 'false');
  return parsed.toString();
}
