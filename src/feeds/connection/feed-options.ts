import type { Clock } from '../../core/clock.js';
import { RealClock } from '../../core/clock.js';
import type { ExchangeProtocol } from './exchange-protocol.js';

/** How to run a feed; every field is optional, and the defaults suit the real exchange. */
export interface FeedOptions {
  /** Where to connect instead of the exchange's public endpoint (a local server, a testnet). */
  readonly url?: string;
  /** Exo symbol → exchange symbol, added to (and overriding) the exchange's default pairs. */
  readonly symbols?: Readonly<Record<string, string>>;
  /** Time for backoff, stall detection, rotation and rate limits; tests pass a VirtualClock. */
  readonly clock?: Clock;
  /** The jitter source, a number in [0, 1); tests pass a fixed one. */
  readonly random?: () => number;
  /** Silence (no data, no heartbeat, no pong) after which a connection is replaced. Default 10 s. */
  readonly stallTimeoutMs?: number;
  /** Idle time after which a keep-alive ping is sent, on exchanges that expect one. Default 5 s. */
  readonly keepaliveMs?: number;
  /** First reconnection delay (before jitter); it doubles per failed attempt. Default 500 ms. */
  readonly reconnectInitialMs?: number;
  /** Longest reconnection delay. Default 30 s. */
  readonly reconnectMaxMs?: number;
  /** Age at which a connection is replaced by a fresh one; default 15 min before the exchange's limit. */
  readonly rotateAfterMs?: number;
  /** How long the old connection keeps delivering after its successor is live. Default 2 s. */
  readonly rotationOverlapMs?: number;
  /** Trade IDs remembered per symbol to drop duplicates. Default 10,000. */
  readonly rememberTradeIds?: number;
  /** Control messages per second and burst, when the exchange's documented limits must be overridden. */
  readonly controlPerSecond?: number;
  readonly controlBurst?: number;
}

/** A feed's options with every default filled in and every number checked. */
export interface FeedSettings {
  readonly url: string;
  readonly symbols: Readonly<Record<string, string>>;
  readonly clock: Clock;
  readonly random: () => number;
  readonly stallTimeoutMs: number;
  readonly keepaliveMs: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly rotateAfterMs: number | undefined;
  readonly rotationOverlapMs: number;
  readonly rememberTradeIds: number;
  readonly controlPerSecond: number;
  readonly controlBurst: number;
}

/** Margin kept before an exchange's connection lifetime limit when rotating. */
const ROTATION_MARGIN_MS = 15 * 60_000;

/** Fills in the defaults for `protocol`; throws a RangeError naming the first bad number. */
export function resolveFeedSettings(
  protocol: ExchangeProtocol,
  options: FeedOptions,
): FeedSettings {
  const { lifetimeMs } = protocol.limits;
  const settings: FeedSettings = {
    url: options.url ?? protocol.defaultUrl,
    symbols: { ...protocol.defaultSymbols, ...options.symbols },
    clock: options.clock ?? new RealClock(),
    random: options.random ?? Math.random,
    stallTimeoutMs: options.stallTimeoutMs ?? 10_000,
    keepaliveMs: options.keepaliveMs ?? 5_000,
    reconnectInitialMs: options.reconnectInitialMs ?? 500,
    reconnectMaxMs: options.reconnectMaxMs ?? 30_000,
    rotateAfterMs:
      options.rotateAfterMs ??
      (lifetimeMs === undefined
        ? undefined
        : Math.max(lifetimeMs / 2, lifetimeMs - ROTATION_MARGIN_MS)),
    rotationOverlapMs: options.rotationOverlapMs ?? 2_000,
    rememberTradeIds: options.rememberTradeIds ?? 10_000,
    controlPerSecond: options.controlPerSecond ?? protocol.limits.controlPerSecond,
    controlBurst: options.controlBurst ?? protocol.limits.controlBurst,
  };
  for (const key of [
    'stallTimeoutMs',
    'keepaliveMs',
    'reconnectInitialMs',
    'reconnectMaxMs',
    'rotateAfterMs',
    'rememberTradeIds',
    'controlPerSecond',
    'controlBurst',
  ] as const) {
    const value = settings[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      throw new RangeError(`feed option ${key} must be a positive number, got ${value}`);
    }
  }
  if (!(Number.isFinite(settings.rotationOverlapMs) && settings.rotationOverlapMs >= 0)) {
    throw new RangeError('feed option rotationOverlapMs must be a non-negative number');
  }
  return settings;
}
