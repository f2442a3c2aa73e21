import { WebSocketServer } from 'ws';
import { RealClock } from '../../core/clock.js';
import { SimulatedMarket } from '../../feeds/sim/simulated-market.js';
import type { SimulatedSymbol } from '../../feeds/sim/simulated-symbol.js';
import { quoteToJSON, reportToJSON, tradeToJSON } from '../../market/json.js';
import { RecentIds } from '../../util/recent-ids.js';
import { PaperVenue } from '../paper/paper-venue.js';
import { sequenceOf } from '../sequence-cursor.js';
import { newVenueRun } from '../venue-run.js';
import type { ServerMessageJSON } from '../wire/venue-protocol.js';
import { OrderOwners } from './order-owners.js';
import { ReportLog } from './report-log.js';
import { VenueSession, type VenueSessionShared } from './venue-session.js';

/** How many child request IDs the server remembers, to ignore requests a client re-sends. */
const REMEMBERED_REQUESTS = 100_000;
/** The largest message a client may send; child requests and queries are far smaller. */
const MAX_MESSAGE_BYTES = 64 * 1024;

/** How to start the standalone venue. */
export interface VenueServerOptions {
  /** The port to listen on; 0 picks a free one. */
  readonly port: number;
  /** The interface to listen on. Default 127.0.0.1. */
  readonly host?: string;
  /** The simulated market's seed. Default 1. */
  readonly seed?: number;
  /** Average market events per second per ticking symbol. Default 20. */
  readonly tickRate?: number;
  /** The paper venue's one-way latency, in milliseconds. Default 2. */
  readonly latencyMs?: number;
  /** The symbols listed. Default the simulated market's. */
  readonly symbols?: readonly SimulatedSymbol[];
  /** How many recent reports to keep for clients that reconnect and resume. Default 20,000. */
  readonly replayReports?: number;
}

/** A running standalone venue: where to connect, the venue itself (for its ledger), and how to stop. */
export interface RunningVenueServer {
  /** `ws://host:port`, with the port actually bound. */
  readonly url: string;
  /** This start's run ID, told to every client in its welcome. */
  readonly runId: string;
  readonly venue: PaperVenue;
  /** Disconnects every client, stops matching and the market, and releases the port. */
  close(): Promise<void>;
}

/**
 * Starts a simulated market and a paper venue behind a websocket server speaking the venue protocol
^ * (see wire/venue-protocol.ts), so that the venue lives in its own process and keeps filling resting
 * orders while exo is down. Every report goes to every connected client, and the latest thousands
 * are kept for a client that reconnects to ask for what it missed (see report-log.ts). Each start
 * is a new run (see VenueRun): its book starts empty and its sequence above every earlier run's.
 */
export async function startVenueServer(options: VenueServerOptions): Promise<RunningVenueServer> {
  const { port, host = '127.0.0.1', seed, tickRate, latencyMs, symbols, replayReports } = options;
  const clock = new RealClock();
  const { runId, venueSeqStart, idPrefix } = newVenueRun(clock.now());
  const market = new SimulatedMarket({ clock, seed, tickRate, symbols });
  const venue = new PaperVenue({ market, clock, latencyMs, venueSeqStart, idPrefix });
  const sessions = new Set<VenueSession>();
  const shared: VenueSessionShared = {
    venue,
    received: new RecentIds(REMEMBERED_REQUESTS),
    reports: new ReportLog(venueSeqStart, replayReports),
    owners: new OrderOwners<VenueSession>(),
  };
  const { reports, owners } = shared;
  /** Set once closing: the sessions it cuts off cancel nothing on a venue about to stop. */
  let closing = false;
  const sendAll = (text: string): void => {
    for (const session of sessions) session.sendText(text);
  };
  const broadcast = (message: ServerMessageJSON): void => {
    if (sessions.size > 0) sendAll(JSON.stringify(message));
  };
  // Logged whether or not a client listens: one that was cut off resumes from the log.
  venue.onReport((report, cursor) => {
    const venueSeq = sequenceOf(cursor);
    const text = JSON.stringify({
      type: 'report',
      venueSeq,
      report: reportToJSON(report),
    } satisfies ServerMessageJSON);
    reports.append(venueSeq, text);
    owners.reported(report);
    sendAll(text);
  });
  // Every symbol ticks whether or not an order rests on it, and clients see the very market the
  // venue matches on: algorithms in exo then price against the prices that can fill.
  const unwatch = market.symbols.map((symbol) => market.watch(symbol));
  const unobserve = market.observe({
    quote: (quote) => broadcast({ type: 'quote', quote: quoteToJSON(quote) }),
    trade: (trade) => broadcast({ type: 'trade', trade: tradeToJSON(trade) }),
  });

  const server = new WebSocketServer({ port, host, maxPayload: MAX_MESSAGE_BYTES });
  server.on('connection', (socket) => {
    const session = new VenueSession(socket, shared);
    // Before any broadcast reaches the session: the client holds its requests until it knows the
    // run, and every report after the sequence named here comes on this connection.
    const welcome: ServerMessageJSON = { type: 'welcome', runId, venueSeq: reports.head };
    session.sendText(JSON.stringify(welcome));
    sessions.add(session);
    socket.on('error', () => socket.terminate());
    socket.on('close', () => {
      sessions.delete(session);
      if (!closing) session.ended();
    });
  });
  try {
    await listening(server);
  } catch (error) {
    await venue.close();
    market.close();
    throw error;
  }
  const address = server.address();
  const bound = typeof address === 'object' && address !== null ? address.port : port;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${bound}`,
    runId,
    venue,
    async close() {
      closing = true;
      for (const client of server.clients) client.terminate();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      unobserve();
      for (const release of unwatch) release();
      await venue.close();
      market.close();
    },
  };
}

function listening(server: WebSocketServer): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
}
