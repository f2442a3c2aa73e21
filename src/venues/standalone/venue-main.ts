import { readSubcommandFlags, type SubcommandFlags } from '../../util/subcommand-flags.js';
import {
  type RunningVenueServer,
  startVenueServer,
  type VenueServerOptions,
} from './venue-server.js';

/** What `exo venue` talks to: output, and how to learn of SIGINT/SIGTERM (the CLI's CommandIO fits). */
export interface VenueMainIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Calls `handler` once on SIGINT or SIGTERM. */
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
}

/** The standalone venue's options and what they mean, printed for `--help` and bad arguments. */
export const VENUE_USAGE = `Usage: exo venue [options]
Runs the simulated market and paper venue in their own process, over websockets.
  --port N        port to listen on (default 9100; 0 picks a free one)
  --host HOST     interface to listen on (default 127.0.0.1)
  --seed N        simulated market seed (default 1)
  --tick-rate N   market events per second per ticking symbol (default 20)
  --latency MS    venue one-way latency in milliseconds (default 2)
`;

/** A command line that cannot be run, with what is wrong with it. */
export class VenueUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VenueUsageError';
  }
}

/**
 * `exo venue`: starts the standalone venue, prints its URL, and resolves with the exit status
 * (0 after SIGINT/SIGTERM closed it, 1 if it could not start, 2 for a bad command line).
 */
export async function runVenueMain(
  argv: readonly string[],
  io: VenueMainIO = processIO(),
): Promise<number> {
  let options: VenueServerOptions | 'help';
  try {
    options = parseVenueArgs(argv);
  } catch (error) {
    if (!(error instanceof VenueUsageError)) throw error;
    io.stderr.write(`exo venue: ${error.message}\n${VENUE_USAGE}`);
    return 2;
  }
  if (options === 'help') {
    io.stdout.write(VENUE_USAGE);
    return 0;
  }
  let server: RunningVenueServer;
  try {
    server = await startVenueServer(options);
  } catch (error) {
    io.stderr.write(
      `exo venue: could not start: ${error instanceof Error ? error.message : error}\n`,
    );
    return 1;
  }
  io.stdout.write(`exo venue listening on ${server.url}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => io.onSignal(resolve));
  io.stdout.write(`exo venue: ${signal}, closing\n`);
  await server.close();
  return 0;
}

/** The flags `exo venue` takes besides `--help`. */
const VENUE_FLAGS = ['port', 'host', 'seed', 'tick-rate', 'latency'] as const;

/** The server options from the command line; throws VenueUsageError naming the bad option. */
export function parseVenueArgs(argv: readonly string[]): VenueServerOptions | 'help' {
  let flags: SubcommandFlags<(typeof VENUE_FLAGS)[number]>;
  try {
    flags = readSubcommandFlags(argv, VENUE_FLAGS);
  } catch (error) {
    throw new VenueUsageError((error as Error).message);
  }
  const { values } = flags;
  if (flags.help) return 'help';
  return {
    port: numberOption(
      values.port,
      '--port',
      9100,
      (n) => Number.isInteger(n) && n >= 0 && n <= 65535,
    ),
    host: values.host ?? '127.0.0.1',
    seed: numberOption(values.seed, '--seed', 1, Number.isFinite),
    tickRate: numberOption(
      values['tick-rate'],
      '--tick-rate',
      20,
      (n) => n > 0 && Number.isFinite(n),
    ),
    latencyMs: numberOption(values.latency, '--latency', 2, (n) => n >= 0 && Number.isFinite(n)),
  };
}

function numberOption(
  text: string | undefined,
  name: string,
  fallback: number,
  valid: (n: number) => boolean,
): number {
  if (text === undefined) return fallback;
  const value = text.trim() === '' ? Number.NaN : Number(text);
  if (!valid(value))
    throw new VenueUsageError(`${name} must be a valid number here, got ${JSON.stringify(text)}`);
  return value;
}

/** The real process's output and signals. */
function processIO(): VenueMainIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    onSignal(handler) {
      const once = (signal: NodeJS.Signals) => {
        process.off('SIGINT', once);
        process.off('SIGTERM', once);
        handler(signal);
      };
      process.on('SIGINT', once);
      process.on('SIGTERM', once);
    },
  };
}
