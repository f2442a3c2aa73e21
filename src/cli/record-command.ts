import type { RecordingFiles } from '../ticks/index.js';
import { ConfigError } from './options.js';
import { parseRecordArgs } from './record-args.js';
import { recordLive } from './record-live.js';
import { recordSimulated } from './record-sim.js';

/** What `exo record` talks to: output, and how to learn of SIGINT/SIGTERM. */
export interface RecordCommandIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
}

/** How `exo record` is used. */
export const RECORD_USAGE = `Usage: exo record --out FILE [--feed sim|coinbase|binance] [--symbols A,B]
                  [--duration D | --events N] [--rotate 1h|512MB]
                  [--seed S] [--tick-rate R]   (--feed sim)   [--feed-url URL]   (live feeds)
Writes every quote and trade the feed emits (before any conflation), each symbol's definition and
every feed gap to an exo tick file. --feed sim (the default) records the simulated market at full
speed on a virtual clock starting 2026-01-01T00:00:00Z: the same --seed and --events give the same
file, byte for byte. A live feed records until --duration, --events, or Ctrl-C (SIGINT/SIGTERM),
and closes the file with its end block either way. --rotate moves on to FILE's next part
(ticks.1.exo, ticks.2.exo, ...) after a duration or once a part reaches a size.
Exit 0 once closed; 1 when recording fails; 2 for a bad command line.
`;

/** `exo record`: records a feed to a tick file; resolves with the exit status. */
export async function runRecordCommand(
  argv: readonly string[],
  io: RecordCommandIO,
): Promise<number> {
  let args: ReturnType<typeof parseRecordArgs>;
  try {
    args = parseRecordArgs(argv);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`exo record: ${error.message} (exo record --help)\n`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(RECORD_USAGE);
    return 0;
  }
  let signalled = false;
  const stop = new Promise<void>((resolve) =>
    io.onSignal(() => {
      signalled = true;
      resolve();
    }),
  );
  let files: RecordingFiles;
  try {
    files =
      args.feed === 'sim'
        ? await recordSimulated(args, () => signalled)
        : await recordLive({ ...args, feed: args.feed }, stop, (line) =>
            io.stderr.write(`exo record: ${line}\n`),
          );
  } catch (error) {
    if (!(error instanceof Error)) throw error;
    io.stderr.write(`exo record: ${error.message}\n`);
    return 1;
  }
  io.stderr.write(`exo record: ${files.events} events to ${files.files.join(', ')}\n`);
  return 0;
}
