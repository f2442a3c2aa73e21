import type { Clock } from '../core/clock.js';
import type { MarketTap } from '../engine/assemble-engine.js';
import type { FeedAdapter } from '../feeds/index.js';
import { monotonicMicros, RecordingFiles, TickRecorder } from '../ticks/index.js';
import { simulatedGrid } from './record-sim.js';

/**
 * `exo --record FILE`: a tap that records every quote and trade the engine's market data source
 * delivers while it trades (before the engine's conflation), the simulated market's grids, and a
 * live feed's gaps; the file gets its end block when the engine closes its market data.
 */
export function engineRecording(
  file: string,
  feed: string,
  clock: Clock,
  live: FeedAdapter | undefined,
): MarketTap {
  const files = new RecordingFiles(file, { feed, clock });
  const recorder = new TickRecorder({
    write: (event) => files.write(event),
    nowUs: monotonicMicros(),
    ...(feed === 'sim' ? { grid: simulatedGrid } : {}),
  });
  const stopGaps = live?.on('gap', (gap) => recorder.gap(gap));
  return {
    tap: (source) => recorder.subscriber(source),
    close: () => {
      stopGaps?.();
      files.close();
    },
  };
}
