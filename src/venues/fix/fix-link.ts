import { join } from 'node:path';
import type { Clock } from '../../core/clock.js';
import type { ChunkCommitHooks } from '../../fix/chunk-group.js';
import { FixConnector } from '../../fix/connector.js';
import type { FixField, FixMessage } from '../../fix/message.js';
import { FixSession } from '../../fix/session.js';
import type { FixSessionState } from '../../fix/session-options.js';
import { FixStore } from '../../fix/store.js';
import { Backoff } from '../../util/backoff.js';
import type { ConnectionListener } from '../venue.js';
import type { FixVenueOptions } from './fix-venue-options.js';

/**
 * What the link tells the adapter: messages in sequence order, each logon and each drop, and
 * (fsync 'always') each received chunk's commit.
 */
export interface FixLinkEvents {
  message(message: FixMessage): void;
  loggedOn(): void;
  dropped(): void;
  readonly commit: ChunkCommitHooks;
}

/**
 * The FIX venue's session kept up: an initiator FixSession on the store in `storeDir`
 * (`session.store`, sequences resumed, reset only with resetOnLogon), dialled and redialled with
 * backoff by a FixConnector, and whether it is logged on for connection listeners.
 */
export class FixLink {
  readonly session: FixSession;
  readonly #store: FixStore;
  readonly #connector: FixConnector;
  readonly #listeners = new Set<ConnectionListener>();
  #up = false;
  #logons = 0;

  constructor(options: FixVenueOptions, clock: Clock, events: FixLinkEvents) {
    this.#store = FixStore.open(join(options.storeDir, 'session.store'), options.fsync ?? 'always');
    this.session = new FixSession(
      {
        role: 'initiator',
        senderCompId: options.senderCompId,
        targetCompId: options.targetCompId,
        heartBtIntSeconds: options.heartBtIntSeconds ?? 30,
        store: this.#store,
        clock,
        ...(options.resetOnLogon === true ? { resetOnLogon: true } : {}),
      },
      {
        message: (message) => events.message(message),
        state: (state, reason) => {
          // A connection ended: why (closed, a Logout's text, a sequence too low) is for the operator.
          if (state === 'disconnected' && reason !== undefined) {
            options.onProblem?.(`FIX session ${options.targetCompId} down: ${reason}`);
          }
          this.#changed(state, events);
        },
        commit: events.commit,
      },
    );
    const reconnect = options.reconnect ?? { initialMs: 500, maxMs: 30_000 };
    this.#connector = new FixConnector(
      this.session,
      options.dial,
      clock,
      new Backoff(reconnect.initialMs, reconnect.maxMs),
    );
    this.#connector.start();
  }

  /** Whether the session is logged on now. */
  get connected(): boolean {
    return this.session.state === 'active';
  }

  /** How many logons completed: 2 after the first reconnect. */
  get logons(): number {
    return this.#logons;
  }

  /** Sends an application message (stored and resent on request while logged out); its MsgSeqNum. */
  send(msgType: string, body: FixField[]): number {
    return this.session.send(msgType, body);
  }

  /** Sends only while logged on (what is asked again at each logon); false when it did not. */
  sendIfActive(msgType: string, body: FixField[]): boolean {
    if (!this.connected) return false;
    this.session.send(msgType, body);
    return true;
  }

  /** Tells `listener` whether the session is logged on, at once and at every change. */
  onConnection(listener: ConnectionListener): () => void {
    this.#listeners.add(listener);
    listener(this.#up);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Logs out, dials no more, and closes the store once the session is down (or after the logout timeout). */
  async close(): Promise<void> {
    const down = new Promise<void>((resolve) => {
      if (this.session.state === 'disconnected') return resolve();
      const unwatch = this.session.watch((state) => {
        if (state === 'disconnected') {
          unwatch();
          resolve();
        }
      });
    });
    this.#connector.stop();
    await down;
    this.#listeners.clear();
    this.#store.close();
  }

  #changed(state: FixSessionState, events: FixLinkEvents): void {
    if (state === 'active') {
      this.#logons++;
      events.loggedOn();
      this.#setUp(true);
    } else if (state === 'disconnected') {
      events.dropped();
      this.#setUp(false);
    }
  }

  #setUp(up: boolean): void {
    if (up === this.#up) return;
    this.#up = up;
    for (const listener of [...this.#listeners]) listener(up);
  }
}
