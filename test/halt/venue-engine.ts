import { ALGO_NAMES, createAlgoFactory } from '../../src/algos/index.js';
import type { VirtualClock } from '../../src/core/clock.js';
import type { EngineError } from '../../src/core/errors.js';
import { Engine } from '../../src/engine/engine.js';
import type { ServiceEvent } from '../../src/engine/service-event.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import { FakeVenue } from '../algos/fake-venue.js';
import { settle } from '../core/helpers.js';
import { drive } from '../recovery/helpers.js';

export const SYMBOL = 'BTC-USD';

/**
 * An engine on the reference algorithms whose venue the test plays (a FakeVenue, which answers
 * only when told and can hold children across a restart), on the journal at `path`, recovered
 * and open; quotes come when the test publishes them.
 */
export async function venueEngine(path: string, clock: VirtualClock, venue = new FakeVenue()) {
  const market = new ScriptedMarket();
  const events: ServiceEvent[] = [];
  const errors: EngineError[] = [];
  const engine = new Engine({
    clock,
    marketData: market,
    venue,
    journal: SqliteJournal.open(path, { clock }),
    createFactory: (listener, journaled, resolved) =>
      createAlgoFactory({ venue: journaled, listener, onResolved: resolved }),
    algos: ALGO_NAMES,
    symbols: [SYMBOL],
    onError: (error) => errors.push(error),
  });
  engine.events.on('event', (event) => events.push(event));
  await engine.start();
  await drive(clock, engine.recover());
  engine.ready();
  return {
    engine,
    venue,
    events,
    errors,
    /** Publishes a quote of SYMBOL around `bid` and lets it reach the delegates. */
    async quote(bid: string): Promise<void> {
      const px = decimal(bid);
      market.publishQuote(
        Quote.of({
          symbol: SYMBOL,
          bidPx: px,
          bidQty: decimal('5'),
          askPx: px.plus(1),
          askQty: decimal('5'),
        }),
      );
      await settle(10);
    },
  };
}
