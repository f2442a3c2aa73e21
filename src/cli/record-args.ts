import { simulatedSymbols, UnknownSimulatedSymbolError } from '../engine/simulated-engine.js';
import { FEED_EXCHANGES } from '../feeds/index.js';
import type { TickRotation } from '../ticks/index.js';
import { readSubcommandFlags } from '../util/subcommand-flags.js';
import { ConfigError } from './options.js';

/** What `exo record` is told. */
export interface RecordArgs {
  readonly feed: 'sim' | (typeof FEED_EXCHANGES)[number];
  /** Symbols to record; the feed's defaults when absent. */
  readonly symbols?: readonly string[];
  readonly out: string;
  readonly durationMs?: number;
  readonly events?: number;
  readonly rotation?: TickRotation;
  /** The simulated market's seed and rate (`--feed sim`). */
  readonly seed: number;
  readonly tickRate: number;
  /** A live feed's websocket URL, to override its default. */
  readonly feedUrl?: string;
}

const FLAGS = [
  'feed',
  'symbols',
  'out',
  'duration',
  'events',
  'rotate',
  'seed',
  'tick-rate',
  'feed-url',
] as const;

const UNITS: Readonly<Record<string, number>> = {
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  kb: 1024,
  mb: 1024 ** 2,
  gb: 1024 ** 3,
};

/** `5s`, `1h` (milliseconds) or `512MB` (bytes), by unit; undefined for anything else. */
function amount(text: string): { value: number; bytes: boolean } | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d|kb|mb|gb)$/i.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2]!.toLowerCase();
  const value = Number(match[1]) * UNITS[unit]!;
  return value > 0 ? { value, bytes: unit.endsWith('b') } : undefined;
}

function whole(flag: string, text: string, min: number): number {
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min) {
    throw new ConfigError(
      `--${flag}: expected a whole number from ${min}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}

/**
 * Reads `exo record`'s command line: 'help', or what to record. Throws a one-line ConfigError
 * naming the flag for a bad value or flags that do not go together.
 */
export function parseRecordArgs(argv: readonly string[]): RecordArgs | 'help' {
  let flags: ReturnType<typeof readSubcommandFlags<(typeof FLAGS)[number]>>;
  try {
    flags = readSubcommandFlags(argv, FLAGS);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (flags.help) return 'help';
  const v = flags.values;
  const feeds = ['sim', ...FEED_EXCHANGES] as const;
  const feed = feeds.find((name) => name === (v.feed ?? 'sim'));
  if (feed === undefined) {
    throw new ConfigError(
      `--feed: expected one of ${feeds.join(', ')}, got ${JSON.stringify(v.feed)}`,
    );
  }
  if (v.out === undefined || v.out.trim() === '')
    throw new ConfigError('--out: expected a file to write');
  if (v.duration !== undefined && v.events !== undefined) {
    throw new ConfigError('--duration and --events: give one');
  }
  const duration = v.duration === undefined ? undefined : amount(v.duration);
  if (v.duration !== undefined && (duration === undefined || duration.bytes)) {
    throw new ConfigError(
      `--duration: expected a duration such as 30s or 1h, got ${JSON.stringify(v.duration)}`,
    );
  }
  const rotate = v.rotate === undefined ? undefined : amount(v.rotate);
  if (v.rotate !== undefined && rotate === undefined) {
    throw new ConfigError(
      `--rotate: expected a duration such as 1h or a size such as 512MB, got ${JSON.stringify(v.rotate)}`,
    );
  }
  if (feed === 'sim' && v.duration === undefined && v.events === undefined) {
    throw new ConfigError('--feed sim records at full speed: give --events N or --duration D');
  }
  if (feed !== 'sim' && (v.seed !== undefined || v['tick-rate'] !== undefined)) {
    throw new ConfigError(
      '--seed and --tick-rate: only the simulated feed takes them (--feed sim)',
    );
  }
  if (feed === 'sim' && v['feed-url'] !== undefined) {
    throw new ConfigError('--feed-url: the simulated market has no URL');
  }
  const symbols = v.symbols
    ?.split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (symbols !== undefined && symbols.length === 0)
    throw new ConfigError('--symbols: expected a list such as BTC-USD,ETH-USD');
  if (feed === 'sim') {
    try {
      simulatedSymbols(symbols);
    } catch (error) {
      if (!(error instanceof UnknownSimulatedSymbolError)) throw error;
      throw new ConfigError(`--symbols: ${error.message}`);
    }
  }
  const tickRate = v['tick-rate'] === undefined ? 20 : Number(v['tick-rate']);
  if (!(tickRate > 0 && tickRate <= 10_000)) {
    throw new ConfigError(
      `--tick-rate: expected a number above 0, at most 10000, got ${JSON.stringify(v['tick-rate'])}`,
    );
  }
  return {
    feed,
    out: v.out,
    seed: v.seed === undefined ? 1 : whole('seed', v.seed, 0),
    tickRate,
    ...(symbols === undefined ? {} : { symbols: [...new Set(symbols)] }),
    ...(duration === undefined ? {} : { durationMs: duration.value }),
    ...(v.events === undefined ? {} : { events: whole('events', v.events, 1) }),
    ...(rotate === undefined
      ? {}
      : { rotation: rotate.bytes ? { bytes: rotate.value } : { everyMs: rotate.value } }),
    ...(v['feed-url'] === undefined ? {} : { feedUrl: v['feed-url'] }),
  };
}
