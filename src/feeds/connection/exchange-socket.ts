import WebSocket from 'ws';
import type { CancelTimer } from '../../core/clock.js';
import type { Decimal } from '../../market/decimal.js';
import { ParseError } from '../../market/parse-error.js';
import type { ExchangeProtocol, FrameHandler, FrameParser } from './exchange-protocol.js';
import { frameBytes, frameText } from './frame-text.js';
import type { SocketOwner } from './socket-owner.js';
import { TokenBucket } from './token-bucket.js';
import { excerpt } from './wire-fields.js';

/** How one connection behaves: where it goes and its timings, resolved from the feed's options. */
export interface SocketSettings {
  readonly url: string;
  readonly protocol: ExchangeProtocol;
  readonly stallTimeoutMs: number;
  readonly keepaliveMs: number;
  readonly controlPerSecond: number;
  readonly controlBurst: number;
}

/**
 * One websocket connection to an exchange: subscribes towards the symbols its feed wants, within the
 * exchange's message rate, reads frames through the exchange's parser, keeps itself provably alive and
 * watches for silence. It never decides its own fate: it tells its owner, which replaces it.
 */
export class ExchangeSocket implements FrameHandler {
  /** When the connection was started (ms since the epoch, on the feed's clock). */
  readonly startedAt: number;
  /** Resolves once the underlying socket has closed. */
  readonly closed: Promise<void>;
  readonly #owner: SocketOwner;
  readonly #settings: SocketSettings;
  readonly #ws: WebSocket;
  readonly #parser: FrameParser;
  readonly #bucket: TokenBucket;
  readonly #sent = new Set<string>();
  #requestId = 0;
  #live = false;
  #retiring = false;
  #detached = false;
  #lastHeardAt: number;
  #lastPingAt = Number.NEGATIVE_INFINITY;
  #frame = '';
  #stallTimer: CancelTimer | undefined;
  #keepaliveTimer: CancelTimer | undefined;
  #pumpTimer: CancelTimer | undefined;

  constructor(owner: SocketOwner, settings: SocketSettings) {
    this.#owner = owner;
    this.#settings = settings;
    this.startedAt = owner.clock.now();
    this.#lastHeardAt = this.startedAt;
    this.#parser = settings.protocol.newParser();
    this.#bucket = new TokenBucket(owner.clock, settings.controlPerSecond, settings.controlBurst);
    this.#ws = new WebSocket(settings.url, { perMessageDeflate: false });
    this.closed = new Promise<void>((resolve) => this.#ws.once('close', () => resolve()));
    this.#ws.on('open', this.#onOpen);
    this.#ws.on('message', this.#onMessage);
    this.#ws.on('ping', this.#touch);
    this.#ws.on('pong', this.#touch);
    this.#ws.on('error', this.#onError);
    this.#ws.on('close', this.#onClose);
    this.#armStall();
  }

  /** Whether this connection has confirmed a subscription or delivered data. */
  get isLive(): boolean {
    return this.#live;
  }

  /** Sends whatever subscribe and unsubscribe messages bring this connection to the wanted symbols. */
  pump(): void {
    if (this.#detached || this.#retiring || this.#ws.readyState !== WebSocket.OPEN) return;
    if (this.#pumpTimer !== undefined) return;
    const { protocol } = this.#settings;
    const perMessage = protocol.limits.symbolsPerMessage;
    for (;;) {
      const wanted = this.#owner.wanted();
      const additions = [...wanted].filter((symbol) => !this.#sent.has(symbol));
      const removals = [...this.#sent].filter((symbol) => !wanted.has(symbol));
      if (additions.length === 0 && removals.length === 0) return;
      if (!this.#bucket.tryTake()) {
        this.#pumpTimer = this.#owner.clock.setTimer(this.#bucket.nextAt(), () => {
          this.#pumpTimer = undefined;
          this.pump();
        });
        return;
      }
      const id = ++this.#requestId;
      if (additions.length > 0) {
        const batch = additions.slice(0, perMessage);
        for (const symbol of batch) this.#sent.add(symbol);
        this.#send(protocol.subscribeMessage(batch, id));
      } else {
        const batch = removals.slice(0, perMessage);
        for (const symbol of batch) this.#sent.delete(symbol);
        this.#send(protocol.unsubscribeMessage(batch, id));
      }
    }
  }

  /** Stops subscribing: a retiring connection only delivers until it is closed. */
  retire(): void {
    this.#retiring = true;
  }

  /** Closes politely (a close frame); the owner hears nothing more from this connection. */
  close(): Promise<void> {
    this.#detach();
    if (this.#ws.readyState === WebSocket.CONNECTING) this.#ws.terminate();
    else if (this.#ws.readyState === WebSocket.OPEN) this.#ws.close(1000);
    return this.closed;
  }

  /** Drops the connection at once (no close handshake): for one that has gone silent. */
  terminate(): void {
    this.#detach();
    this.#ws.terminate();
  }

  quote(
    exchangeSymbol: string,
    order: number,
    bidPx: Decimal,
    bidQty: Decimal,
    askPx: Decimal,
    askQty: Decimal,
    time: number,
  ): void {
    if (!this.#live) this.#becomeLive();
    this.#owner.quote(exchangeSymbol, order, bidPx, bidQty, askPx, askQty, time);
  }

  trade(exchangeSymbol: string, tradeId: string, px: Decimal, qty: Decimal, time: number): void {
    if (!this.#live) this.#becomeLive();
    this.#owner.trade(exchangeSymbol, tradeId, px, qty, time);
  }

  pastTrade(exchangeSymbol: string, tradeId: string): void {
    this.#owner.pastTrade(exchangeSymbol, tradeId);
  }

  heartbeat(): void {
    // Hearing anything already counts as life: see #onMessage.
  }

  acknowledged(): void {
    if (!this.#live) this.#becomeLive();
  }

  exchangeError(text: string): void {
    this.#owner.problem('exchange_error', text, excerpt(this.#frame));
  }

  unknown(description: string): void {
    this.#owner.problem('unknown', description, excerpt(this.#frame));
  }

  malformed(error: ParseError): void {
    this.#owner.problem('malformed', error.message, excerpt(this.#frame));
  }

  readonly #onOpen = (): void => {
    if (this.#detached) return;
    this.#touch();
    this.pump();
    if (this.#owner.wanted().size === 0) this.#becomeLive();
    this.#armKeepalive();
  };

  readonly #onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
    if (this.#detached) return;
    this.#lastHeardAt = this.#owner.clock.now();
    this.#owner.stats.messages++;
    if (isBinary) {
      this.#owner.problem('malformed', `binary frame of ${frameBytes(data)} bytes, expected text`);
      return;
    }
    const text = frameText(data);
    this.#frame = text;
    try {
      this.#parser(text, this);
    } catch (error) {
      const reason = error instanceof ParseError ? error.message : `unreadable frame: ${error}`;
      this.#owner.problem('malformed', reason, excerpt(text));
    }
  };

  readonly #touch = (): void => {
    this.#lastHeardAt = this.#owner.clock.now();
  };

  readonly #onError = (error: Error): void => {
    if (!this.#detached) this.#owner.problem('connection', error.message);
  };

  readonly #onClose = (code: number, reason: Buffer): void => {
    if (this.#detached) return;
    this.#detach();
    const text = reason.length > 0 ? `: ${reason.toString('utf8').slice(0, 120)}` : '';
    this.#owner.lost(this, `connection closed (code ${code}${text})`);
  };

  #becomeLive(): void {
    if (this.#live || this.#detached) return;
    this.#live = true;
    this.#owner.live(this);
  }

  #send(message: string): void {
    this.#owner.stats.controlMessages++;
    this.#ws.send(message);
  }

  #armStall(): void {
    const { clock } = this.#owner;
    const timeout = this.#settings.stallTimeoutMs;
    this.#stallTimer = clock.setTimer(this.#lastHeardAt + timeout, () => {
      this.#stallTimer = undefined;
      if (this.#detached) return;
      const now = clock.now();
      if (now - this.#lastHeardAt < timeout) {
        this.#armStall();
      } else if (this.#expectsTraffic()) {
        this.#owner.stalled(this);
      } else {
        this.#lastHeardAt = now;
        this.#armStall();
      }
    });
  }

  /** Silence means trouble only when data is subscribed or a keep-alive should have been answered. */
  #expectsTraffic(): boolean {
    return (
      this.#ws.readyState !== WebSocket.OPEN ||
      this.#owner.wanted().size > 0 ||
      this.#settings.protocol.keepalive !== undefined
    );
  }

  #armKeepalive(): void {
    if (this.#settings.protocol.keepalive === undefined) return;
    const due = Math.max(this.#lastHeardAt, this.#lastPingAt) + this.#settings.keepaliveMs;
    this.#keepaliveTimer = this.#owner.clock.setTimer(due, this.#keepaliveDue);
  }

  readonly #keepaliveDue = (): void => {
    this.#keepaliveTimer = undefined;
    const keepalive = this.#settings.protocol.keepalive;
    if (this.#detached || keepalive === undefined || this.#ws.readyState !== WebSocket.OPEN) return;
    const { clock } = this.#owner;
    const now = clock.now();
    const idle = now - Math.max(this.#lastHeardAt, this.#lastPingAt) >= this.#settings.keepaliveMs;
    if (idle) {
      if (!this.#bucket.tryTake()) {
        this.#keepaliveTimer = clock.setTimer(this.#bucket.nextAt(), this.#keepaliveDue);
        return;
      }
      this.#lastPingAt = now;
      this.#owner.stats.controlMessages++;
      this.#ws.ping();
    }
    this.#armKeepalive();
  };

  #detach(): void {
    if (this.#detached) return;
    this.#detached = true;
    this.#stallTimer?.();
    this.#keepaliveTimer?.();
    this.#pumpTimer?.();
    this.#stallTimer = this.#keepaliveTimer = this.#pumpTimer = undefined;
  }
}
