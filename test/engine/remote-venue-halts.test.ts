import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/core/clock.js';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { RemoteVenue } from '../../src/venues/remote/index.js';
import { portOf, remoteFixtures } from '../venues/remote/remote-fixtures.js';
import { eventually, relay } from '../venues/standalone/helpers.js';

const { start } = remoteFixtures();

describe('an engine on a standalone venue that its connection drops from', () => {
  it('has its resting child cancelled by the venue, sees the cancel once back, and announces the disconnect timeout', async () => {
    const server = await start();
    const link = await relay(portOf(server));
    const clock = new RealClock();
    const remote = new RemoteVenue({
      url: link.url,
      clock,
      cancelOnDisconnect: true,
      reconnect: { initialMs: 20, maxMs: 100 },
    });
    const disconnectMs = 100;
    const engine = createSimulatedEngine({
      clock,
      symbols: ['ETH-USD'],
      tickRate: 50,
      latencyMs: 1,
      seed: 1,
      journal: SqliteJournal.inMemory({ clock }),
      venue: remote,
      marketData: remote.marketData,
      limits: { defaults: {}, perSymbol: {}, autoHalt: { venueDisconnectMs: disconnectMs } },
    });
    const halts: ServiceEvent[] = [];
    engine.events.on('event', (event) => {
      if (event.type === 'auto_halt_triggered') halts.push(event);
    });
    await engine.start();
    engine.ready();
    // A peg capped far below the market: one child rests at the limit, untouched.
    const placed = engine.intake.prepareNew({
      side: 'buy',
      symbol: 'ETH-USD',
      quantity: decimal('0.01'),
      limitPrice: decimal('1.00'),
      algo: 'peg',
      params: {},
    });
    expect(await engine.intake.commit(placed)).toBeUndefined();
    const { orderId } = placed.order;
    const children = () => engine.store.get(orderId)?.children ?? [];
    await eventually(() => children()[0]?.status === 'new');
    const first = children()[0]!.clOrdId;
    await eventually(() => remote.cancelsOnDisconnect);

    link.sever();
    const cancelled = () =>
      server.venue.ledger().orders.find((o) => o.clOrdId === first)?.status === 'canceled';
    await eventually(cancelled);
    await eventually(() => halts.length === 1);
    expect(halts).toEqual([
      {
        type: 'auto_halt_triggered',
        cause: 'venue_disconnect',
        reason: expect.stringMatching(
          new RegExp(
            `^venue remote disconnected for \\d+ ms \\(the limit is ${disconnectMs} ms\\)$`,
          ),
        ),
      },
    ]);
    expect(children().find((c) => c.clOrdId === first)?.status).toBe('new');

    link.restore();
    await eventually(() => children().find((c) => c.clOrdId === first)?.status === 'canceled');
    await engine.stop();
    await link.close();
  });
});
