import { simulatedSymbolsNamed, UnknownSimulatedSymbolError } from '../../feeds/sim/index.js';
import { binanceProtocol } from '../binance-local/binance-protocol.js';
import { fixProtocol } from '../fix-venue/fix-protocol.js';
import {
  MARKET_FLAGS,
  readMarketOptions,
  readVenueFlags,
  type StartedVenue,
  type VenueMainIO,
  type VenueProtocol,
  VenueUsageError,
} from './venue-command.js';
import { startVenueServer, type VenueServerOptions } from './venue-server.js';

export { type VenueMainIO, VenueUsageError } from './venue-command.js';

/** The standalone venue's common options and what they mean, printed for `--help` and bad arguments. */
export const VENUE_USAGE = `Usage: exo venue [options]
Runs the simulated market and paper venue in their own process.
  --protocol P    exo (default: exo's own venue protocol over websockets), binance
                  (Binance spot's REST, WebSocket API and streams; see exo venue --protocol binance --help)
                  or fix (a FIX 4.4 acceptor; see exo venue --protocol fix --help)
  --port N        port to listen on (default 9100, 9200 for binance, 9878 for fix; 0 picks a free one)
  --host HOST     interface to listen on (default 127.0.0.1)
  --seed N        simulated market seed (default 1)
  --tick-rate N   market events per second per ticking symbol (default 20)
  --latency MS    venue one-way latency in milliseconds (default 2)
`;

/** The exo protocol's flags: the common ones and the simulated symbols. */
const EXO_FLAGS = [...MARKET_FLAGS, 'symbols'] as const;

/** exo's own venue protocol (wire/venue-protocol.ts) over websockets. */
const exoProtocol: VenueProtocol = {
  usage: `  --symbols A,B   simulated symbols, each BASE-QUOTE such as DOGE-USD (default BTC-USD,ETH-USD,SOL-USD);
                  give exo the same --symbols
`,
  prepare(argv) {
    const options = parseVenueArgs(argv);
    if (options === 'help') return 'help';
    return async (): Promise<StartedVenue> => {
      const server = await startVenueServer(options);
      return { banner: `exo venue listening on ${server.url}`, close: () => server.close() };
    };
  },
};

const PROTOCOLS: Readonly<Record<string, VenueProtocol>> = {
  exo: exoProtocol,
  binance: binanceProtocol,
  fix: fixProtocol,
};

/**
 * `exo venue`: starts the standalone venue in the protocol asked for, prints where it listens, and
 * resolves with the exit status (0 after SIGINT/SIGTERM closed it, 1 if it could not start, 2 for
 * a bad command line).
 */
export async function runVenueMain(
  argv: readonly string[],
  io: VenueMainIO = processIO(),
): Promise<number> {
  let usage = VENUE_USAGE;
  let start: (() => Promise<StartedVenue>) | 'help';
  try {
    const { protocol, rest } = protocolOf(argv);
    usage += protocol.usage;
    start = protocol.prepare(rest, io.env ?? {});
  } catch (error) {
    if (!(error instanceof VenueUsageError)) throw error;
    io.stderr.write(`exo venue: ${error.message}\n${usage}`);
    return 2;
  }
  if (start === 'help') {
    io.stdout.write(usage);
    return 0;
  }
  let venue: StartedVenue;
  try {
    venue = await start();
  } catch (error) {
    io.stderr.write(
      `exo venue: could not start: ${error instanceof Error ? error.message : error}\n`,
    );
    return 1;
  }
  io.stdout.write(`${venue.banner}\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => io.onSignal(resolve));
  io.stdout.write(`exo venue: ${signal}, closing\n`);
  await venue.close();
  return 0;
}

/** Takes `--protocol P` (or `--protocol=P`) out of the command line; exo's when absent. */
function protocolOf(argv: readonly string[]): { protocol: VenueProtocol; rest: string[] } {
  const rest: string[] = [];
  let name = 'exo';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--protocol') name = argv[++i] ?? '';
    else if (arg.startsWith('--protocol=')) name = arg.slice('--protocol='.length);
    else rest.push(arg);
  }
  const protocol = PROTOCOLS[name];
  if (protocol === undefined || !Object.hasOwn(PROTOCOLS, name)) {
    throw new VenueUsageError(
      `--protocol must be exo, binance or fix, got ${JSON.stringify(name)}`,
    );
  }
  return { protocol, rest };
}

/** The exo protocol's server options from the command line; throws VenueUsageError naming the bad option. */
export function parseVenueArgs(argv: readonly string[]): VenueServerOptions | 'help' {
  const flags = readVenueFlags(argv, EXO_FLAGS);
  if (flags.help) return 'help';
  const text = flags.values.symbols;
  return {
    ...readMarketOptions(flags.values, 9100),
    ...(text === undefined ? {} : { symbols: symbolsOption(text) }),
  };
}

/** `--symbols`' specs (see simulatedSymbolsNamed); VenueUsageError naming a bad or missing name. */
function symbolsOption(text: string): ReturnType<typeof simulatedSymbolsNamed> {
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0)
    throw new VenueUsageError('--symbols: expected a list such as DOGE-USD,XRP-USD');
  try {
    return simulatedSymbolsNamed(names);
  } catch (error) {
    if (!(error instanceof UnknownSimulatedSymbolError)) throw error;
    throw new VenueUsageError(`--symbols: ${error.message}`);
  }
}

/** The real process's output, environment and signals. */
function processIO(): VenueMainIO {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
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
