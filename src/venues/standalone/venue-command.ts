import { readSubcommandFlags, type SubcommandFlags } from '../../util/subcommand-flags.js';

/**
 * What `exo venue` talks to: output, its environment, and how to learn of SIGINT/SIGTERM (the
 * CLI's CommandIO fits).
 */
export interface VenueMainIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  /** Variables the protocols read settings from (the local Binance's keys); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Calls `handler` once on SIGINT or SIGTERM. */
  onSignal(handler: (signal: NodeJS.Signals) => void): void;
}

/** A command line that cannot be run, with what is wrong with it. */
export class VenueUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VenueUsageError';
  }
}

/** A numeric flag's value (`fallback` when absent); VenueUsageError naming it when not `valid`. */
export function numberOption(
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

/** A port flag's value: 0 to 65535, 0 picking a free one. */
export function portOption(text: string | undefined, fallback: number): number {
  return numberOption(text, '--port', fallback, (n) => Number.isInteger(n) && n >= 0 && n <= 65535);
}

/** A venue `exo venue` started: the line it prints, and how to stop it. */
export interface StartedVenue {
  /** Where to connect, printed once listening. */
  readonly banner: string;
  close(): Promise<void>;
}

/** One protocol `exo venue --protocol` serves: its options, and how to start it from them. */
export interface VenueProtocol {
  /** The protocol's own options, printed after the common ones for `--help` and bad arguments. */
  readonly usage: string;
  /**
   * Reads the command line (without `--protocol`) and the environment; returns how to start the
   * venue, or 'help'. Throws VenueUsageError naming a bad option.
   */
  prepare(
    argv: readonly string[],
    env: Readonly<Record<string, string | undefined>>,
  ): (() => Promise<StartedVenue>) | 'help';
}

/** The flags every protocol takes: where to listen and how the simulated market behaves. */
export const MARKET_FLAGS = ['port', 'host', 'seed', 'tick-rate', 'latency'] as const;

/** The simulated market's and the listener's options, read from MARKET_FLAGS' values. */
export function readMarketOptions(
  values: Partial<Record<(typeof MARKET_FLAGS)[number], string>>,
  defaultPort: number,
): {
  readonly port: number;
  readonly host: string;
  readonly seed: number;
  readonly tickRate: number;
  readonly latencyMs: number;
} {
  return {
    port: portOption(values.port, defaultPort),
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

/** A protocol's command line read strictly (see readSubcommandFlags), a bad one a VenueUsageError. */
export function readVenueFlags<Name extends string>(
  argv: readonly string[],
  names: readonly Name[],
): SubcommandFlags<Name> {
  try {
    return readSubcommandFlags(argv, names);
  } catch (error) {
    throw new VenueUsageError((error as Error).message);
  }
}
