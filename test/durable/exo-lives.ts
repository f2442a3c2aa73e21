import { createAlgoFactory } from '../../src/algos/algo-factory.js';
import type { VirtualClock } from '../../src/core/clock.js';
import { Engine } from '../../src/engine/engine.js';
import { reportTap } from '../../src/engine/report-tap.js';
import type { ScriptedMarket } from '../../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { Quote } from '../../src/market/quote.js';
import type { RecoveryOutcome } from '../../src/recovery/recover.js';
import type { Venue } from '../../src/venues/venue.js';
import { drive } from '../recovery/helpers.js';

/** Publishes a top of book of `size` on each side (BTC-USD unless told). */
export function quoteOn(
  market: ScriptedMarket,
  bid: string,
  ask: string,
  { symbol = 'BTC-USD', size = '1' }: { symbol?: string; size?: string } = {},
): void {
  market.publishQuote(
    Quote.of({
      symbol,
      bidPx: decimal(bid),
      bidQty: decimal(size),
      askPx: decimal(ask),
      askQty: decimal(size),
    }),
  );
}

/** What one life of exo runs on: a journal file and a venue that outlives it. */
export interface LifeSetup {
  readonly path: string;
  readonly clock: VirtualClock;
  readonly market: ScriptedMarket;
  readonly venue: Venue;
  readonly algos: readonly string[];
  /** Cuts exo off from the venue, as a SIGKILL would (the venue lives on). */
  readonly cut: () => void;
}

/** One life of exo, recovered and ready; `kill` is its SIGKILL (once, however often called). */
export interface Life {
  readonly engine: Engine;
  readonly journal: SqliteJournal;
  readonly outcome: RecoveryOutcome;
  kill(): Promise<void>;
}

/**
 * Starts exo on the journal at `path` with the reference algorithms (their in-flight verdicts
 * journaled), recovers and opens intake: one life of several on one journal and one venue.
 */
export async function startLife(setup: LifeSetup): Promise<Life> {
  const { clock, market, venue, algos, cut } = setup;
  const journal = SqliteJournal.open(setup.path, { clock });
  const engine = new Engine({
    clock,
    marketData: market,
    venue,
    journal,
    createFactory: (listener, delegates, resolved) =>
      createAlgoFactory({ venue: delegates, listener, onResolved: resolved }),
    algos,
    symbols: ['BTC-USD'],
  });
  await engine.start();
  const outcome = await drive(clock, engine.recover());
  engine.ready();
  let killed = false;
  const kill = async (): Promise<void> => {
    if (killed) return;
    killed = true;
    cut();
    await journal.committed();
    await journal.close();
  };
  return { engine, journal, outcome, kill };
}

/** A venue that sends everything on to `venue`, but for what `overrides` replaces. */
export function forwarding(venue: Venue, overrides: Partial<Venue> = {}): Venue {
  return { ...reportTap(venue, () => {}), ...overrides };
}

/** A venue that outlives exo and can be cut off from it (`alive`), as a kill does. */
export interface CuttableVenue extends Venue {
  alive: boolean;
}

/**
 * Lives of exo, one after another, on one journal file and one venue that outlives them: each
 * `life()` reconnects the venue and starts exo (see startLife); `killAll` kills what still runs.
 */
export function livesOn(setup: Omit<LifeSetup, 'venue' | 'cut'> & { venue: CuttableVenue }) {
  const { venue } = setup;
  const kills: Array<() => Promise<void>> = [];
  const life = async (): Promise<Life> => {
    venue.alive = true;
    const cut = (): void => {
      venue.alive = false;
    };
    const started = await startLife({ ...setup, cut });
    kills.push(started.kill);
    return started;
  };
  const killAll = async (): Promise<void> => {
    for (const kill of kills) await kill();
  };
  return { life, killAll };
}
