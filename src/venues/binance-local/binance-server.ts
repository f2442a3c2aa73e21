import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify from 'fastify';
import { type WebSocket, WebSocketServer } from 'ws';
import { RealClock } from '../../core/clock.js';
import { SimulatedMarket } from '../../feeds/sim/simulated-market.js';
import { PaperVenue } from '../paper/paper-venue.js';
import type { VenueServerOptions } from '../standalone/venue-server.js';
import { newVenueRun } from '../venue-run.js';
import { AccountBalances } from './account-balances.js';
import type { ApiKeys } from './api-keys.js';
import { BinanceSymbols } from './binance-symbols.js';
import { registerControlApi } from './control-api.js';
import { FaultSwitches } from './fault-switches.js';
import { LocalExchange } from './local-exchange.js';
import { MarketStreams } from './market-streams.js';
import type { ExecutionReportJSON } from './order-json.js';
import { DEFAULT_RATE_LIMITS, type RateLimitSettings, RateLimits } from './rate-limits.js';
import { registerRestApi } from './rest-api.js';
import type { ServeDeps } from './serve-request.js';
import { TradeIds } from './trade-ids.js';
import { WsApiSession } from './ws-api-session.js';

/** Connecting to the WebSocket API costs this much request weight, as on Binance. */
const CONNECT_WEIGHT = 2;
/** The largest WebSocket message a client may send. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** How to start the local Binance: where, the market and venue as `exo venue` takes them, and its keys. */
export interface BinanceServerOptions extends Omit<VenueServerOptions, 'replayReports'> {
  /** The API keys it accepts (none: every signed request is refused, -2015). */
  readonly keys: ApiKeys;
  readonly rateLimits?: RateLimitSettings;
}

/** A running local Binance. */
export interface RunningBinanceServer {
  /** `http://host:port`: REST at /api/v3, the WebSocket API at ws://…/ws-api/v3, streams at /ws and /stream. */
  readonly url: string;
  readonly exchange: LocalExchange;
  /** Stops everything and releases the port. */
  close(): Promise<void>;
}

/**
 * Starts the local Binance: the simulated market and the paper venue (as `exo venue` runs them)
 * behind Binance spot's REST API, WebSocket API (with the user data stream) and public market
 * streams, all on one port, with the fault switches under /control/ (see control-api.ts).
 */
export async function startBinanceServer(
  options: BinanceServerOptions,
): Promise<RunningBinanceServer> {
  const { host = '127.0.0.1', seed, tickRate, latencyMs, keys } = options;
  const clock = new RealClock();
  const { venueSeqStart, idPrefix } = newVenueRun(clock.now());
  const market = new SimulatedMarket({ clock, seed, tickRate, symbols: options.symbols });
  const venue = new PaperVenue({ market, clock, latencyMs, venueSeqStart, idPrefix });
  const symbols = new BinanceSymbols(market.symbols);
  const assets = [...new Set(symbols.all.flatMap((s) => [s.baseAsset, s.quoteAsset]))];
  const tradeIds = new TradeIds();
  const balances = new AccountBalances(assets);
  const exchange = new LocalExchange(venue, clock, tradeIds, balances);
  const limits = new RateLimits(options.rateLimits ?? DEFAULT_RATE_LIMITS);
  const faults = new FaultSwitches();
  const deps: ServeDeps = {
    keys,
    clock,
    context: { exchange, symbols, market, limits, balances, now: () => clock.now() },
  };
  const streams = new MarketStreams(symbols, tradeIds);
  const unwatch = market.symbols.map((symbol) => market.watch(symbol));
  const unobserve = market.observe({
    quote: (quote) => streams.quote(quote),
    trade: (trade) => streams.trade(trade),
  });
  const sessions = new Map<WebSocket, WsApiSession>();
  // The account's executionReports, held back while the hold-reports fault switch is on.
  let held: ExecutionReportJSON[] | undefined;
  const deliver = (report: ExecutionReportJSON): void => {
    for (const session of sessions.values()) session.deliver(report);
  };
  exchange.subscribe((report) => {
    if (held !== undefined) held.push(report);
    else deliver(report);
  });

  const app = Fastify({ logger: false });
  registerRestApi(app, deps, faults);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const upgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://local');
    const ip = request.socket.remoteAddress ?? '';
    const isApi = url.pathname === '/ws-api/v3';
    const isStream =
      url.pathname === '/ws' || url.pathname.startsWith('/ws/') || url.pathname === '/stream';
    if (!isApi && !isStream) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    if (isApi) {
      try {
        limits.chargeWeight(ip, CONNECT_WEIGHT, clock.now());
      } catch {
        socket.end('HTTP/1.1 429 Too Many Requests\r\n\r\n');
        return;
      }
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      ws.on('error', () => ws.terminate());
      if (isStream) {
        streams.accept(ws, url.pathname, url.searchParams);
        return;
      }
      const returnRateLimits = url.searchParams.get('returnRateLimits') !== 'false';
      sessions.set(ws, new WsApiSession(ws, socket, ip, returnRateLimits, deps, faults));
      ws.on('close', () => sessions.delete(ws));
    });
  };
  app.server.on('upgrade', upgrade);
  const cutAll = (): void => {
    for (const session of sessions.values()) session.terminate();
    sessions.clear();
    streams.closeAll();
    app.server.closeAllConnections();
  };
  registerControlApi(app, {
    faults,
    holdReports(on) {
      const release = held ?? [];
      held = on ? (held ?? []) : undefined;
      if (on) return 0;
      for (const report of release) deliver(report);
      return release.length;
    },
    dropUserStream(mode) {
      let dropped = 0;
      for (const session of sessions.values()) {
        if (!session.subscribed) continue;
        dropped++;
        if (mode === 'close') session.terminate();
        else session.terminateStream(clock.now());
      }
      return dropped;
    },
    announceShutdown(closeAfterMs) {
      const told = [...sessions.entries()];
      for (const [, session] of told) session.announceShutdown(clock.now());
      if (closeAfterMs !== undefined) {
        clock.setTimer(clock.now() + closeAfterMs, () => {
          for (const [ws] of told) ws.close(1001, 'server shutdown');
        });
      }
      return told.length;
    },
    restart(downMs) {
      const address = app.server.address();
      const port = typeof address === 'object' && address !== null ? address.port : options.port;
      app.server.close();
      cutAll();
      clock.setTimer(clock.now() + downMs, () => app.server.listen(port, host));
    },
    orders: () => exchange.allOrders(),
  });
  try {
    await app.listen({ port: options.port, host });
  } catch (error) {
    unobserve();
    for (const release of unwatch) release();
    await venue.close();
    market.close();
    throw error;
  }
  const address = app.server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : options.port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    exchange,
    async close() {
      cutAll();
      wss.close();
      if (app.server.listening) await app.close();
      unobserve();
      for (const release of unwatch) release();
      await venue.close();
      market.close();
    },
  };
}
