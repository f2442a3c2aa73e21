import WebSocket from 'ws';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { Backoff } from '../../util/backoff.js';

/** What a RemoteSocket tells the remote venue that owns it. */
export interface RemoteSocketOwner {
  /** A connection opened. */
  opened(): void;
  /** A text frame arrived. */
  frame(text: string): void;
  /** The latest connection closed, or never opened: the next is tried after a backoff. */
  dropped(): void;
}

/** Where a RemoteSocket connects, and how patiently it reconnects. */
export interface RemoteSocketSettings {
  readonly url: string;
  readonly clock: Clock;
  /** The first and the longest wait between reconnection attempts. */
  readonly reconnect: { readonly initialMs: number; readonly maxMs: number };
}

/**
 * The websocket link to a standalone venue, kept up: it connects at once and, after every drop,
 * again after a backoff (reset by each connection that opens), until closed. It carries text
 * frames and reads none: its owner decides what they mean and what to send when, as a feed's
 * adapter does with its VenueSocket.
 */
export class RemoteSocket {
  readonly #settings: RemoteSocketSettings;
  readonly #owner: RemoteSocketOwner;
  readonly #backoff: Backoff;
  /** The latest connection, open or still opening. */
  #socket: WebSocket | undefined;
  #cancelReconnect: CancelTimer | undefined;
  #connections = 0;
  #closed = false;

  constructor(settings: RemoteSocketSettings, owner: RemoteSocketOwner) {
    this.#settings = settings;
    this.#owner = owner;
    this.#backoff = new Backoff(settings.reconnect.initialMs, settings.reconnect.maxMs);
    this.#connect();
  }

  /** Whether the latest connection is open now. */
  get open(): boolean {
    return this.#socket?.readyState === WebSocket.OPEN;
  }

  /** How many times a connection has opened: 2 after the first reconnect. */
  get connections(): number {
    return this.#connections;
  }

  /** Sends a frame on the latest connection, which must be open; one closing since drops it. */
  send(text: string): void {
    this.#socket?.send(text);
  }

  /** Cuts the latest connection short, so that the next one is tried after the backoff. */
  reconnect(): void {
    this.#socket?.terminate();
  }

  /** Disconnects for good; resolves once the latest connection (or its opening) has ended. */
  close(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    this.#closed = true;
    this.#cancelReconnect?.();
    const socket = this.#socket;
    this.#socket = undefined;
    return socket === undefined ? Promise.resolve() : closed(socket);
  }

  #connect(): void {
    this.#cancelReconnect = undefined;
    const socket = new WebSocket(this.#settings.url);
    this.#socket = socket;
    socket.on('open', () => {
      this.#connections++;
      this.#backoff.reset();
      this.#owner.opened();
    });
    socket.on('message', (data) => this.#owner.frame(String(data)));
    socket.on('error', () => {});
    socket.on('close', () => this.#dropped(socket));
  }

  #dropped(socket: WebSocket): void {
    if (this.#socket !== socket || this.#closed) return;
    this.#socket = undefined;
    this.#owner.dropped();
    const { clock } = this.#settings;
    this.#cancelReconnect = clock.setTimer(clock.now() + this.#backoff.next(), () =>
      this.#connect(),
    );
  }
}

/** Resolves once the socket has closed, cutting it (or its opening handshake) short if need be. */
function closed(socket: WebSocket): Promise<void> {
  if (socket.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.terminate();
  });
}
