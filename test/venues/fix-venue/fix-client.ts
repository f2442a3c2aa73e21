import { join } from 'node:path';
import { RealClock } from '../../../src/core/clock.js';
import { FixConnector, tcpDial } from '../../../src/fix/connector.js';
import type { FixField, FixMessage } from '../../../src/fix/message.js';
import { FixSession } from '../../../src/fix/session.js';
import type { FixSessionState } from '../../../src/fix/session-options.js';
import { FixStore } from '../../../src/fix/store.js';
import { formatUtcTimestamp } from '../../../src/fix/timestamp.js';
import { Backoff } from '../../../src/util/backoff.js';
import { FixVenueProcess, storeDir } from './venue-process.js';

/**
 * A small FIX client for the FIX venue's tests, built from exo's own session layer: a FixSession
 * (initiator, file store) kept connected by a FixConnector, every application message it receives
 * kept in order, and waits on them.
 */
export class FixClient {
  readonly received: FixMessage[] = [];
  readonly session: FixSession;
  readonly connector: FixConnector;
  readonly #wakers = new Set<() => void>();

  constructor(port: number, dir: string, sender = 'EXO', target = 'PAPER') {
    const clock = new RealClock();
    this.session = new FixSession(
      {
        role: 'initiator',
        senderCompId: sender,
        targetCompId: target,
        heartBtIntSeconds: 1,
        store: FixStore.open(join(dir, `client-${sender}.store`), 'never'),
        clock,
      },
      {
        message: (m) => {
          this.received.push(m);
          this.#wake();
        },
        state: () => this.#wake(),
      },
    );
    this.connector = new FixConnector(
      this.session,
      tcpDial('127.0.0.1', port),
      clock,
      new Backoff(100, 500),
    );
  }

  /** Connects and resolves once logged on. */
  async start(): Promise<void> {
    this.connector.start();
    await this.until('active');
  }

  /** Stops reconnecting, disconnects and closes the store. */
  stop(): void {
    this.connector.stop();
    this.session.disconnect('test over');
    this.session.options.store.close();
  }

  /** Sends an application message with TransactTime added for D, F and G. */
  send(msgType: string, body: FixField[]): number {
    const withTime: FixField[] = ['D', 'F', 'G'].includes(msgType)
      ? [...body, [60, formatUtcTimestamp(Date.now())]]
      : body;
    return this.session.send(msgType, withTime);
  }

  /** Resolves when the session reaches `state`. */
  until(state: FixSessionState, timeoutMs = 10_000): Promise<void> {
    return this.#wait(
      () => (this.session.state === state ? true : undefined),
      `state ${state}`,
      timeoutMs,
    ).then(() => {});
  }

  /** Resolves with the first message received (from `from` on) satisfying `test`. */
  message(test: (m: FixMessage) => boolean, timeoutMs = 10_000, from = 0): Promise<FixMessage> {
    return this.#wait(() => this.received.slice(from).find(test), 'a matching message', timeoutMs);
  }

  /** Every message received satisfying `test`. */
  all(test: (m: FixMessage) => boolean): FixMessage[] {
    return this.received.filter(test);
  }

  #wake(): void {
    for (const waker of this.#wakers) waker();
  }

  #wait<T>(probe: () => T | undefined, what: string, timeoutMs: number): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const value = probe();
        if (value === undefined) return;
        clearTimeout(timer);
        this.#wakers.delete(check);
        resolve(value);
      };
      const timer = setTimeout(() => {
        this.#wakers.delete(check);
        reject(new Error(`timed out waiting for ${what}; state ${this.session.state}`));
      }, timeoutMs);
      this.#wakers.add(check);
      check();
    });
  }
}

/** An ExecutionReport (8) for `clOrdId` whose ExecType is `execType`. */
export function isReport(clOrdId: string, execType: string): (m: FixMessage) => boolean {
  return (m) => m.msgType === '8' && m.get(11) === clOrdId && m.get(150) === execType;
}

/**
 * `exo venue --protocol fix` in its own process on a free port and a fresh store (a fast market,
 * 1 ms of latency, then `args`), with a client logged on to it.
 */
export async function venueWithClient(
  args: readonly string[] = [],
): Promise<{ venue: FixVenueProcess; client: FixClient }> {
  const dir = storeDir();
  const venue = await FixVenueProcess.start([
    ...['--port', '0', '--store', dir, '--tick-rate', '200', '--latency', '1'],
    ...args,
  ]);
  const client = new FixClient(venue.port, dir);
  await client.start();
  return { venue, client };
}
