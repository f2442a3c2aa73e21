import { connect } from 'node:net';
import type { CancelTimer, Clock } from '../core/clock.js';
import { Backoff } from '../util/backoff.js';
import type { FixSession } from './session.js';
import { type FixTransport, socketTransport } from './transport.js';

/** Opens one connection to the counterparty; rejects when it cannot. */
export type Dial = () => Promise<FixTransport>;

/** A Dial over TCP to host:port. */
export function tcpDial(host: string, port: number): Dial {
  return () =>
    new Promise((resolve, reject) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socketTransport(socket));
      });
      socket.once('error', reject);
    });
}

/**
 * Keeps an initiator session connected: dials, hands the connection to the session, and after
 * each failed dial or disconnect dials again after a backoff delay (reset once logged on), on the
 * session's Clock. `stop` logs out and dials no more.
 */
export class FixConnector {
  #stopped = true;
  #cancelRetry: CancelTimer | undefined;
  #unwatch: (() => void) | undefined;

  constructor(
    readonly session: FixSession,
    readonly dial: Dial,
    readonly clock: Clock,
    readonly backoff: Backoff = new Backoff(500, 30_000),
  ) {}

  /** Starts connecting. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#unwatch = this.session.watch((state) => {
      if (state === 'active') this.backoff.reset();
      if (state === 'disconnected') this.#retry();
    });
    this.#attempt();
  }

  /** Logs out (when logged on) and stops reconnecting. */
  stop(): void {
    this.#stopped = true;
    this.#cancelRetry?.();
    this.#unwatch?.();
    if (this.session.state === 'active') this.session.logout();
    else this.session.disconnect('stopped');
  }

  #attempt(): void {
    this.#cancelRetry = undefined;
    this.dial().then(
      (transport) => {
        if (this.#stopped) transport.close();
        else this.session.connect(transport);
      },
      () => this.#retry(),
    );
  }

  #retry(): void {
    if (this.#stopped || this.#cancelRetry !== undefined) return;
    this.#cancelRetry = this.clock.setTimer(this.clock.now() + this.backoff.next(), () =>
      this.#attempt(),
    );
  }
}
