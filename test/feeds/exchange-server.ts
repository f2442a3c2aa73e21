import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Clock } from '../../src/core/clock.js';

/** One client connection as the local exchange sees it. */
export class ServerConnection {
  /** Exchange symbols this connection is subscribed to. */
  readonly subscribed = new Set<string>();
  /** Text messages received, with the test clock's time of arrival. */
  readonly received: { readonly text: string; readonly at: number }[] = [];
  /** Set to stop answering anything (pings, pongs, subscriptions) and to send nothing. */
  silent = false;
  pingsReceived = 0;
  pongsReceived = 0;
  /** When each incoming message or ping arrived, on the test clock. */
  readonly arrivals: number[] = [];

  constructor(
    readonly socket: WebSocket,
    readonly index: number,
  ) {}

  get open(): boolean {
    return this.socket.readyState === this.socket.OPEN;
  }

  send(text: string): void {
    if (this.open && !this.silent) this.socket.send(text);
  }

  /** Drops the TCP connection without a close frame, as a failing network does. */
  drop(): void {
    this.socket.terminate();
  }
}

/** An exchange's behaviour: its replies to client messages, and what it says when a client connects. */
export interface ExchangeBehaviour {
  /** Incoming messages (text and pings) a connection may send in a second before it is dropped. */
  readonly messagesPerSecond?: number;
  connected(connection: ServerConnection): void;
  received(connection: ServerConnection, text: string, server: ExchangeServer): void;
}

/**
 * A local websocket server (127.0.0.1, ephemeral port) speaking an exchange's protocol as documented,
 * which misbehaves on command: drop connections, refuse them, go silent, send anything.
 */
export class ExchangeServer {
  readonly connections: ServerConnection[] = [];
  /** Set to drop every new connection as soon as it opens. */
  refuseConnections = false;
  /** Connections dropped for sending faster than the exchange's documented message rate. */
  rateViolations = 0;
  readonly #wss: WebSocketServer;
  readonly #behaviour: ExchangeBehaviour;
  readonly #clock: Clock;

  private constructor(wss: WebSocketServer, behaviour: ExchangeBehaviour, clock: Clock) {
    this.#wss = wss;
    this.#behaviour = behaviour;
    this.#clock = clock;
    wss.on('connection', (socket) => this.#accept(socket));
  }

  /** Starts a server; `clock` stamps what it receives, so tests can check rates in virtual time. */
  static async start(behaviour: ExchangeBehaviour, clock: Clock): Promise<ExchangeServer> {
    const wss = new WebSocketServer({ host: '127.0.0.1', port: 0, autoPong: false });
    await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
    return new ExchangeServer(wss, behaviour, clock);
  }

  get url(): string {
    const { port } = this.#wss.address() as AddressInfo;
    return `ws://127.0.0.1:${port}/stream`;
  }

  /** The connections still open. */
  get open(): ServerConnection[] {
    return this.connections.filter((connection) => connection.open);
  }

  /** The most recent connection. */
  get latest(): ServerConnection {
    const latest = this.connections[this.connections.length - 1];
    if (latest === undefined) throw new Error('no client has connected');
    return latest;
  }

  /** Sends `frame` to every open connection subscribed to `exchangeSymbol`, as the exchange would. */
  publish(exchangeSymbol: string, frame: string): void {
    for (const connection of this.open) {
      if (connection.subscribed.has(exchangeSymbol)) connection.send(frame);
    }
  }

  /** Sends `frame` to every open connection, subscribed or not. */
  broadcast(frame: string | Buffer, binary = false): void {
    for (const connection of this.open) {
      if (!connection.silent) connection.socket.send(frame, { binary });
    }
  }

  /** Every text message received on every connection, in order. */
  allReceived(): { readonly text: string; readonly at: number; readonly connection: number }[] {
    return this.connections.flatMap((c) => c.received.map((r) => ({ ...r, connection: c.index })));
  }

  async close(): Promise<void> {
    for (const client of this.#wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
  }

  #accept(socket: WebSocket): void {
    const connection = new ServerConnection(socket, this.connections.length);
    this.connections.push(connection);
    if (this.refuseConnections) {
      socket.terminate();
      return;
    }
    socket.on('ping', (data) => {
      connection.pingsReceived++;
      if (!this.#withinRate(connection)) return;
      if (!connection.silent) socket.pong(data);
    });
    socket.on('pong', () => {
      connection.pongsReceived++;
    });
    socket.on('message', (data, isBinary) => {
      if (isBinary || connection.silent || !this.#withinRate(connection)) return;
      const text = data.toString();
      connection.received.push({ text, at: this.#clock.now() });
      this.#behaviour.received(connection, text, this);
    });
    this.#behaviour.connected(connection);
  }

  /** Records an arrival; drops the connection, as the exchange does, when it exceeds the rate. */
  #withinRate(connection: ServerConnection): boolean {
    const now = this.#clock.now();
    connection.arrivals.push(now);
    const limit = this.#behaviour.messagesPerSecond;
    if (limit === undefined) return true;
    if (connection.arrivals.filter((at) => at > now - 1000).length <= limit) return true;
    this.rateViolations++;
    connection.drop();
    return false;
  }
}

/** Waits (real time, a few ms at a time) until `condition` holds: for socket round trips only. */
export async function until(
  condition: () => boolean,
  what: string,
  timeoutMs = 2_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise<void>((resolve) => setTimeout(resolve, 2));
  }
}

/** Lets pending socket I/O happen for a moment: to show that something does NOT happen. */
export async function quietly(ms = 30): Promise<void> {
  await new Promise<void>((resolve) => setTimeout(resolve, ms));
}
