import type { Clock } from '../core/clock.js';
import { registerBinanceMetrics } from '../engine/binance-metrics.js';
import type { Engine } from '../engine/engine.js';
import { createFeedEngine, type FeedEngineConfig } from '../engine/feed-engine.js';
import { type BinanceEvent, BinanceVenue } from '../venues/binance/index.js';
import type { BinanceConfig } from './binance-options.js';

/** Binance events that stop or endanger order entry: logged as errors, not warnings. */
const LOUD = new Set(['banned', 'start_failed', 'reconcile_failed']);
/** Binance events that are routine: logged as information. */
const ROUTINE = new Set(['connected', 'rotated', 'reconciled', 'clock_offset']);

/** How a Binance event is logged. */
export type VenueEventLevel = 'info' | 'warn' | 'error';

/** The level a Binance event is logged at. */
export function levelOf(kind: string): VenueEventLevel {
  return LOUD.has(kind) ? 'error' : ROUTINE.has(kind) ? 'info' : 'warn';
}

/**
 * An engine on the Binance feed that sends its children to Binance spot (`--venue binance`): the
 * adapter's filters give the symbols' grids, its state goes to `/metrics`, and each of its events
 * to the event stream (as `venue`) and to `log`.
 */
export function createBinanceEngine(
  feedConfig: Omit<FeedEngineConfig, 'venue' | 'instruments'>,
  binance: BinanceConfig,
  clock: Clock,
  log: (event: BinanceEvent) => void,
): Engine {
  let engine: Engine | undefined;
  const early: BinanceEvent[] = [];
  const tell = (event: BinanceEvent) => {
    log(event);
    if (engine === undefined) early.push(event);
    else engine.events.emit('event', { type: 'venue', venue: 'binance', ...event });
  };
  const venue = new BinanceVenue({
    wsUrl: binance.wsUrl,
    restUrl: binance.restUrl,
    signer: binance.signer,
    symbols: feedConfig.symbols,
    clock,
    recvWindowMs: binance.recvWindowMs,
    onEvent: tell,
  });
  engine = createFeedEngine({ ...feedConfig, venue, instruments: venue.instruments });
  registerBinanceMetrics(engine.metrics.registry, () => venue.state);
  for (const event of early.splice(0))
    engine.events.emit('event', { type: 'venue', venue: 'binance', ...event });
  return engine;
}
