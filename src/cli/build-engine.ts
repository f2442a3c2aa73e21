import { RealClock } from '../core/clock.js';
import type { EngineError } from '../core/errors.js';
import { createFeed } from '../feeds/index.js';
import type { Engine } from '../service/engine.js';
import { createFeedEngine } from '../service/feed-engine.js';
import { createSimulatedEngine } from '../service/simulated-engine.js';
import type { ExoConfig } from './config.js';

/** Symbols a live feed trades when `--symbols` does not say. */
const DEFAULT_FEED_SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];

/** The engine the config asks for: the simulated market by default, or a live feed. */
export function buildEngine(config: ExoConfig, onError: (error: EngineError) => void): Engine {
  const clock = new RealClock();
  if (config.feed === 'sim') {
    return createSimulatedEngine({
      clock,
      tickRate: config.tickRate,
      latencyMs: config.latencyMs,
      seed: config.seed,
      onError,
      ...(config.symbols === undefined ? {} : { symbols: config.symbols }),
    });
  }
  const feed = createFeed(config.feed, {
    clock,
    ...(config.feedUrl === undefined ? {} : { url: config.feedUrl }),
  });
  return createFeedEngine({
    clock,
    feed,
    symbols: config.symbols ?? DEFAULT_FEED_SYMBOLS,
    latencyMs: config.latencyMs,
    onError,
  });
}
