import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RealClock } from '../../src/core/clock.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { tcpDial } from '../../src/fix/connector.js';
import type { FixField, FixMessage } from '../../src/fix/message.js';
import { FixSession } from '../../src/fix/session.js';
import { FixStore } from '../../src/fix/store.js';
import { socketTransport } from '../../src/fix/transport.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { FixVenue } from '../../src/venues/fix/index.js';
import { eventually } from '../venues/standalone/helpers.js';

const cleanUps: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanUp of cleanUps.splice(0).reverse()) await cleanUp();
});

/**
 * A scripted FIX acceptor over loopback TCP: answers a V with a W (bid 99, ask 101), and each D
 * with what `answer` says.
 */
async function counterparty(answer: (session: FixSession, d: FixMessage, n: number) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'exo-fix-engine-'));
  let orders = 0;
  const session: FixSession = new FixSession(
    {
      role: 'acceptor',
      senderCompId: 'VENUE',
      targetCompId: 'EXO',
      heartBtIntSeconds: 30,
      store: FixStore.open(join(dir, 'venue.store'), 'never'),
      clock: new RealClock(),
    },
    {
      message: (m) => {
        if (m.msgType === 'V') {
          session.send('W', [
            [262, m.get(262)!],
            [55, m.get(55)!],
            [268, '2'],
            [269, '0'],
            [270, '99'],
            [271, '5'],
            [269, '1'],
            [270, '101'],
            [271, '5'],
          ]);
        }
        if (m.msgType === 'D') answer(session, m, ++orders);
      },
    },
  );
  const server = createServer((socket) => session.connect(socketTransport(socket)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanUps.push(
    () => new Promise<void>((resolve) => server.close(() => resolve())),
    async () => session.disconnect(),
  );
  return { port: (server.address() as { port: number }).port, dir };
}

/** An ExecutionReport about the D `d`. */
function report(d: FixMessage, fields: FixField[]): FixField[] {
  return [[37, `V-${d.get(11)}`], [11, d.get(11)!], ...fields, [55, d.get(55)!], [54, d.get(54)!]];
}

async function engineOn(port: number, dir: string) {
  const clock = new RealClock();
  const venue = new FixVenue({
    dial: tcpDial('127.0.0.1', port),
    senderCompId: 'EXO',
    targetCompId: 'VENUE',
    storeDir: join(dir, 'exo'),
    fsync: 'never',
    clock,
  });
  const engine = createSimulatedEngine({
    clock,
    symbols: ['ETH-USD'],
    tickRate: 50,
    latencyMs: 1,
    seed: 1,
    journal: SqliteJournal.inMemory({ clock }),
    venue,
    marketData: venue.marketData,
  });
  await engine.start();
  engine.ready();
  cleanUps.push(() => engine.stop());
  return engine;
}

describe('exo engine on a FIX venue (FixVenue under the dispatcher, ClientIdChains and the journal)', () => {
  it("a BusinessMessageReject of the D reaches the parent's child with the venue's text; a fill before its ack fills the parent", async () => {
    const { port, dir } = await counterparty((session, d, n) => {
      if (n === 1) {
        session.send('j', [
          [45, d.get(34)!],
          [372, 'D'],
          [379, d.get(11)!],
          [380, '4'],
          [58, 'Trading halted for ETH-USD'],
        ]);
        return;
      }
      const qty = d.get(38)!;
      const px = d.get(44)!;
      session.send(
        '8',
        report(d, [
          [17, `F${n}`],
          [150, 'F'],
          [39, '2'],
          [32, qty],
          [31, px],
          [151, '0'],
          [14, qty],
          [6, px],
        ]),
      );
      session.send(
        '8',
        report(d, [
          [17, `A${n}`],
          [150, '0'],
          [39, '0'],
          [151, qty],
          [14, '0'],
          [6, '0'],
        ]),
      );
    });
    const engine = await engineOn(port, dir);
    const order = (limitPrice: string) => {
      const placed = engine.intake.prepareNew({
        side: 'buy',
        symbol: 'ETH-USD',
        quantity: decimal('0.5'),
        limitPrice: decimal(limitPrice),
        algo: 'take',
        params: {},
      });
      return placed;
    };
    const first = order('102');
    expect(await engine.intake.commit(first)).toBeUndefined();
    const children = (id: string) => engine.store.get(id)?.children ?? [];
    await eventually(() => children(first.order.orderId)[0]?.status === 'rejected');
    expect(children(first.order.orderId)[0]?.text).toBe(
      'BusinessMessageReject: Trading halted for ETH-USD',
    );

    const second = order('102');
    expect(await engine.intake.commit(second)).toBeUndefined();
    await eventually(() => engine.store.get(second.order.orderId)?.status === 'filled');
    const filled = engine.store.get(second.order.orderId)!;
    expect([filled.cumQty.toString(), filled.avgPx?.toString(), filled.fills.length]).toEqual([
      '0.5',
      '101',
      1,
    ]);
    expect(filled.children.map((c) => c.status)).toEqual(['filled']);
    // GET /v1/venue and the dashboard show the FIX link: its one unanswered query is the AF the
    // adapter sent at logon, which this scripted venue never answers; and the session's counters.
    expect(engine.venueStatus()).toMatchObject({
      name: 'fix',
      link: { connected: true, connections: 1, restarts: 0, working: 0, unconfirmed: 1 },
    });
    expect(engine.venueStatus().link?.counters).toMatchObject({ 'rejects received': 1 });
  });
});
