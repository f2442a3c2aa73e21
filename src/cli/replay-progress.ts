import cliProgress from 'cli-progress';

// cli-progress is CommonJS: Node's ESM loader gives its exports only as the default.
const { Format, SingleBar } = cliProgress;

/** What a replay reports progress to: events replayed (n more at a time), then the end. */
export interface ReplayProgress {
  add(events: number): void;
  stop(): void;
}

const NONE: ReplayProgress = { add: () => undefined, stop: () => undefined };

/** Redraws per second at most: a replay may report progress millions of times. */
const FPS = 5;

/**
 * A progress bar of `total` events on `stderr` (events/s and ETA), only when stderr is a
 * terminal: off a TTY (a pipe, a file, CI) nothing is written, and the output stays clean.
 */
export function replayProgress(
  stderr: NodeJS.WritableStream & { readonly isTTY?: boolean },
  total: number,
  now: () => number = Date.now,
): ReplayProgress {
  if (stderr.isTTY !== true || total <= 0) return NONE;
  const started = now();
  const bar = new SingleBar({
    stream: stderr,
    fps: FPS,
    hideCursor: true,
    clearOnComplete: false,
    format: (options, params, payload: { rate: string }) =>
      `replay ${Format.BarFormat(params.progress, options)} ${Math.floor(params.progress * 100)}% | ${params.value}/${params.total} events | ${payload.rate} events/s | ETA ${Format.TimeFormat(params.eta, options, 1)}`,
  });
  let done = 0;
  let stopped = false;
  let shown = started;
  const show = (at: number): void => {
    const seconds = (at - started) / 1_000;
    bar.update(done, { rate: seconds > 0 ? String(Math.round(done / seconds)) : '0' });
    shown = at;
  };
  bar.start(total, 0, { rate: '0' });
  return {
    add(events) {
      done += events;
      // A replay may report every event: the bar hears of them a few times a second.
      const at = now();
      if (at - shown >= 1_000 / FPS) show(at);
    },
    stop() {
      if (stopped) return;
      stopped = true;
      show(now());
      bar.stop();
    },
  };
}
