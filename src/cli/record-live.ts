import { RealClock } from '../core/clock.js';
import { createFeed } from '../feeds/index.js';
import { monotonicMicros, RecordingFiles, TickRecorder } from '../ticks/index.js';
import type { RecordArgs } from './record-args.js';

/** Symbols a live recording takes when `--symbols` does not say. */
const DEFAULT_LIVE_SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'];

/**
 * Records a live feed (Coinbase, Binance) until `--events` events, `--duration`, or `stop`
 * resolves (a signal), then closes the feed and the file with its end block. The feed's state
 * changes and problems go to `log`, one line each.
 */
export async function recordLive(
  args: RecordArgs & { readonly feed: 'coinbase' | 'binance' },
  stop: Promise<unknown>,
  log: (line: string) => void,
): Promise<RecordingFiles> {
  const clock = new RealClock();
  const symbols = args.symbols ?? DEFAULT_LIVE_SYMBOLS;
  const feed = createFeed(args.feed, {
    clock,
    ...(args.feedUrl === undefined ? {} : { url: args.feedUrl }),
  });
  const files = new RecordingFiles(
    args.out,
    { feed: args.feed, clock, header: { symbols } },
    args.rotation,
  );
  const limit = args.events ?? Number.POSITIVE_INFINITY;
  let finish = (): void => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  let open = true;
  const recorder = new TickRecorder({
    write: (event) => {
      if (!open) return;
      files.write(event);
      if (files.events >= limit) finish();
    },
    nowUs: monotonicMicros(),
  });
  feed.on('gap', (gap) => recorder.gap(gap));
  feed.on('state', (state) => log(`${args.feed} ${state}`));
  feed.on('problem', (problem) => log(`${args.feed} ${problem.kind}: ${problem.text}`));
  const timer = args.durationMs === undefined ? undefined : setTimeout(finish, args.durationMs);
  try {
    for (const symbol of symbols) feed.subscribe(symbol, recorder);
    await Promise.race([finished, stop]);
  } finally {
    open = false;
    clearTimeout(timer);
    files.close();
    await feed.close();
  }
  return files;
}
