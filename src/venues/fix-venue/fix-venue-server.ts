import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { RealClock } from '../../core/clock.js';
import { SimulatedMarket } from '../../feeds/sim/simulated-market.js';
import { FixAcceptor } from '../../fix/acceptor.js';
import { FixSession } from '../../fix/session.js';
import type { FixSessionState } from '../../fix/session-options.js';
import { FixStore } from '../../fix/store.js';
import { socketTransport } from '../../fix/transport.js';
import { PaperVenue } from '../paper/paper-venue.js';
import type { VenueServerOptions } from '../standalone/venue-server.js';
import { AppMsgType } from './app-tags.js';
import { applyEngineReport } from './engine-reports.js';
import { FixBook } from './fix-book.js';
import { sendLostReport } from './lost-report.js';
import { MarketDataDesk } from './market-data.js';
import { routeMessage } from './message-router.js';
import { OrderDesk } from './order-desk.js';
import { OrderJournal } from './order-journal.js';

/** How to start the FIX venue (`exo venue --protocol fix`): the market's and listener's options as for `exo venue`, and the sessions'. */
export interface FixVenueOptions extends Omit<VenueServerOptions, 'replayReports'> {
  /** Our CompID (49 on what we send). */
  readonly senderCompId: string;
  /** The counterparties' CompIDs: one acceptor session each. */
  readonly targetCompIds: readonly string[];
  /** The directory of the session stores and the order journal. */
  readonly storeDir: string;
  /** Force every store and journal append to disk (fsync) before it goes out. */
  readonly fsync: boolean;
  /** HeartBtInt until a Logon names the counterparty's own, in seconds. */
  readonly heartBtIntSeconds: number;
  /** A connection that completes no Logon within this long is closed. */
  readonly logonTimeoutMs: number;
  /** Told each session's state changes (logged on, logging out, disconnected and why), for the operator. */
  readonly onSession?: (targetCompId: string, state: FixSessionState, reason?: string) => void;
}

/** A running FIX venue. */
export interface RunningFixVenue {
  /** The port actually bound. */
  readonly port: number;
  /** The sessions, by counterparty CompID (for tests and counters). */
  readonly sessions: ReadonlyMap<string, FixSession>;
  /** Closes every connection, stops matching and the market, and closes the files. */
  close(): Promise<void>;
}

/** Bytes waiting on a connection beyond which its market data is conflated (see MarketDataDesk). */
const BACKED_UP_BYTES = 256 * 1024;

/** Market data is never replayed on resend: a stale quote must not look current. */
const replayable = (msgType: string): boolean =>
  msgType !== AppMsgType.MarketDataSnapshotFullRefresh &&
  msgType !== AppMsgType.MarketDataIncrementalRefresh;

/**
 * Starts the simulated market and the paper venue behind FIX 4.4 acceptor sessions, one per
 * counterparty CompID, each with its file store, and the book kept in an order journal beside
 * them: killed with -9 and restarted, sessions resume their sequences (and answer ResendRequest
 * from their stores) and working orders work again.
 */
export async function startFixVenue(options: FixVenueOptions): Promise<RunningFixVenue> {
  const { senderCompId, storeDir } = options;
  mkdirSync(storeDir, { recursive: true });
  const clock = new RealClock();
  const runTag = clock.now().toString(36);
  const market = new SimulatedMarket({
    clock,
    seed: options.seed,
    tickRate: options.tickRate,
    symbols: options.symbols,
  });
  const engine = new PaperVenue({
    market,
    clock,
    latencyMs: options.latencyMs,
    idPrefix: `fix-${runTag}`,
  });
  const { journal, contents } = OrderJournal.open(join(storeDir, 'orders.jsonl'), options.fsync);
  const sessions = new Map<string, FixSession>();
  const sendTo = (
    owner: string,
    msgType: string,
    body: Parameters<FixSession['send']>[1],
  ): void => {
    const session = sessions.get(owner);
    if (session === undefined) return;
    // Market data only goes to a session logged on: there is no point storing it for later.
    if (!replayable(msgType) && session.state !== 'active') return;
    session.send(msgType, body);
  };
  const book = new FixBook(journal, contents, clock, sendTo);
  const desk = new OrderDesk(book, engine, market, runTag);
  const marketData = new MarketDataDesk(
    sendTo,
    (symbol) => market.instrument(symbol) !== undefined,
    (symbol) => market.quote(symbol),
    (owner) => (sessions.get(owner)?.backlog ?? 0) > BACKED_UP_BYTES,
  );
  for (const target of options.targetCompIds) {
    const store = FixStore.open(
      join(storeDir, `${senderCompId}-${target}.store`),
      options.fsync ? 'always' : 'never',
    );
    const session = new FixSession(
      {
        role: 'acceptor',
        senderCompId,
        targetCompId: target,
        heartBtIntSeconds: options.heartBtIntSeconds,
        store,
        clock,
        logonTimeoutMs: options.logonTimeoutMs,
        replayable,
      },
      {
        message: (m) => routeMessage(target, m, desk, marketData),
        state: (state, reason) => {
          if (state === 'disconnected') marketData.drop(target);
          options.onSession?.(target, state, reason);
        },
      },
    );
    sessions.set(target, session);
  }
  engine.onReport((report) => applyEngineReport(book, report));
  sendLostReport(contents.lastReport, sessions);
  desk.restore();
  const unwatch = market.symbols.map((symbol) => market.watch(symbol));
  const unobserve = market.observe({
    quote: (q) => marketData.quote(q),
    trade: (t) => marketData.trade(t),
  });
  const acceptor = new FixAcceptor([...sessions.values()], clock, options.logonTimeoutMs);
  const server = createServer((socket) => acceptor.accept(socketTransport(socket)));
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host ?? '127.0.0.1', () => resolve());
    });
  } catch (error) {
    await engine.close();
    market.close();
    journal.close();
    throw error;
  }
  const address = server.address();
  return {
    port: typeof address === 'object' && address !== null ? address.port : options.port,
    sessions,
    async close() {
      for (const session of sessions.values()) session.disconnect('venue closing');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      unobserve();
      for (const release of unwatch) release();
      await engine.close();
      market.close();
      for (const session of sessions.values()) session.options.store.close();
      journal.close();
    },
  };
}
