import type { CancelTimer, Clock } from '../../core/clock.js';
import { Backoff } from '../../util/backoff.js';
import { BinanceNotSentError, describe } from './binance-api-error.js';
import { WsApiConnection } from './ws-api-connection.js';

/** Binance closes a WebSocket API connection after 24 h: exo rotates a little before. */
export const ROTATE_AFTER_MS = 23 * 60 * 60_000 + 50 * 60_000;

/** What the session tells, and asks of, the adapter it works for. */
export interface SessionHost {
  /** `userDataStream.subscribe.signature`'s params, freshly signed. */
  subscribeParams(): Record<string, unknown>;
  /** A user data stream event (from any connection: repeats across a rotation are the host's). */
  event(event: Record<string, unknown>): void;
  /** The session is up (subscribed) or down. */
  connection(up: boolean): void;
  /** A connection came back after a drop: what it missed must be reconciled. */
  gap(): void;
  /** Something worth an event: a rotation, a failed subscription. */
  note(kind: string, message: string): void;
}

/** Where the session connects and how. */
export interface SessionSettings {
  readonly url: string;
  readonly clock: Clock;
  readonly timeoutMs: number;
  readonly reconnect: { readonly initialMs: number; readonly maxMs: number };
  /** When to rotate a connection. Default ROTATE_AFTER_MS. */
  readonly lifetimeMs?: number;
}

/**
 * The adapter's WebSocket API session: one connection at a time carrying order entry and the user
 * data stream subscription. A dropped connection is reconnected after a backoff and resubscribed,
 * and the host told of the gap. On `serverShutdown`, and before a connection's 24 h are up, it
 * rotates: the new connection is opened and subscribed before the old one is closed, so no report
 * falls between them (the host drops the ones both carried).
 */
export class BinanceSession {
  readonly #settings: SessionSettings;
  readonly #host: SessionHost;
  readonly #backoff: Backoff;
  #current: WsApiConnection | undefined;
  #cancelTimer: CancelTimer | undefined;
  #rotating = false;
  #everUp = false;
  #closed = false;
  #connections = 0;
  #rotations = 0;

  constructor(settings: SessionSettings, host: SessionHost) {
    this.#settings = settings;
    this.#host = host;
    this.#backoff = new Backoff(settings.reconnect.initialMs, settings.reconnect.maxMs);
  }

  /** Whether a subscribed connection is up. */
  get up(): boolean {
    return this.#current?.open === true;
  }

  /** Connections opened and subscribed so far. */
  get connections(): number {
    return this.#connections;
  }

  /** Requests sent on the current connection and not answered yet. */
  get waiting(): number {
    return this.#current?.waiting ?? 0;
  }

  /** Rotations done (serverShutdown or age). */
  get rotations(): number {
    return this.#rotations;
  }

  /** Connects; resolves once subscribed, rejects when that fails (the caller tries again). */
  async start(): Promise<void> {
    await this.#connect(false);
  }

  /** Sends a request on the current connection. */
  call(method: string, params: Record<string, unknown>): Promise<unknown> {
    const connection = this.#current;
    if (connection === undefined) {
      return Promise.reject(new BinanceNotSentError(`${method}: not connected to Binance`));
    }
    return connection.call(method, params, this.#settings.timeoutMs);
  }

  /** Opens a new connection, subscribes it, then closes the old one. */
  async rotate(why: string): Promise<void> {
    if (this.#rotating || this.#closed) return;
    this.#rotating = true;
    try {
      const old = this.#current;
      await this.#connect(true);
      this.#rotations++;
      this.#host.note('rotated', `WebSocket API connection rotated (${why})`);
      old?.close();
    } catch (error) {
      this.#host.note('rotation_failed', `rotation (${why}) failed: ${describe(error)}`);
    } finally {
      this.#rotating = false;
    }
  }

  /** Closes for good. */
  close(): void {
    this.#closed = true;
    this.#cancelTimer?.();
    this.#current?.close();
    this.#current = undefined;
  }

  async #connect(rotation: boolean): Promise<void> {
    const { url, clock } = this.#settings;
    const connection = new WsApiConnection(url, clock, {
      event: (message) => this.#event(message),
      closed: (closed) => this.#dropped(closed),
    });
    try {
      await connection.opened;
      await connection.call(
        'userDataStream.subscribe.signature',
        this.#host.subscribeParams(),
        this.#settings.timeoutMs,
      );
    } catch (error) {
      connection.close();
      throw error;
    }
    if (this.#closed) {
      connection.close();
      return;
    }
    const gap = !rotation && this.#everUp;
    this.#current = connection;
    this.#everUp = true;
    this.#connections++;
    this.#backoff.reset();
    this.#cancelTimer?.();
    const lifetime = this.#settings.lifetimeMs ?? ROTATE_AFTER_MS;
    this.#cancelTimer = clock.setTimer(clock.now() + lifetime, () => void this.rotate('age'));
    if (!rotation) this.#host.connection(true);
    if (gap) this.#host.gap();
  }

  #event(message: Record<string, unknown>): void {
    const event = message.event as Record<string, unknown> | undefined;
    if (event === undefined) return;
    if (event.e === 'serverShutdown') void this.rotate('serverShutdown');
    else if (event.e === 'eventStreamTerminated') this.#streamTerminated();
    else this.#host.event(event);
  }

  /**
   * The user data stream ended on a connection that stays up: order entry carries on, and the
   * stream is subscribed again after a backoff, then the gap reconciled.
   */
  #streamTerminated(): void {
    const connection = this.#current;
    if (connection === undefined) return;
    this.#host.note('stream_terminated', 'the user data stream ended: subscribing again');
    const { clock, timeoutMs } = this.#settings;
    const again = () => {
      if (this.#closed || this.#current !== connection) return;
      connection
        .call('userDataStream.subscribe.signature', this.#host.subscribeParams(), timeoutMs)
        .then(() => this.#host.gap())
        .catch((error) => {
          this.#host.note('resubscribe_failed', `subscribing again failed: ${describe(error)}`);
          clock.setTimer(clock.now() + this.#backoff.next(), again);
        });
    };
    clock.setTimer(clock.now() + this.#backoff.next(), again);
  }

  #dropped(connection: WsApiConnection): void {
    if (connection !== this.#current || this.#closed) return;
    this.#current = undefined;
    this.#cancelTimer?.();
    this.#host.connection(false);
    this.#retry();
  }

  #retry(): void {
    const { clock } = this.#settings;
    this.#cancelTimer = clock.setTimer(clock.now() + this.#backoff.next(), () => {
      this.#connect(false).catch((error) => {
        this.#host.note('reconnect_failed', `reconnecting failed: ${describe(error)}`);
        if (!this.#closed && this.#current === undefined) this.#retry();
      });
    });
  }
}
