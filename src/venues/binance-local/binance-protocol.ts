import {
  MARKET_FLAGS,
  numberOption,
  readMarketOptions,
  readVenueFlags,
  type VenueProtocol,
  VenueUsageError,
} from '../standalone/venue-command.js';
import { type BinanceServerOptions, startBinanceServer } from './binance-server.js';
import { BINANCE_SYMBOLS } from './binance-symbols.js';
import { KeySourceError, loadApiKeys } from './key-sources.js';
import { DEFAULT_RATE_LIMITS } from './rate-limits.js';

/** The local Binance's own options, printed after the common ones. */
const BINANCE_USAGE = `The local Binance (--protocol binance) serves REST at /api/v3, the WebSocket API at
/ws-api/v3, market streams at /ws and /stream, and fault switches under /control/. Symbols:
${BINANCE_SYMBOLS.map((s) => `${s.exo} as ${s.binance}`).join(', ')}.
  --api-key KEY        an HMAC API key it accepts (or EXO_BINANCE_API_KEY)
  --secret-key SECRET  its secret key (or EXO_BINANCE_SECRET_KEY)
  --key-file FILE      JSON {"keys": [{"apiKey", "secretKey"} or {"apiKey", "ed25519PublicKey"}]},
                       mode 600 (or EXO_BINANCE_KEY_FILE)
  --weight-limit N     REQUEST_WEIGHT per minute per IP (default ${DEFAULT_RATE_LIMITS.weightPerMinute})
  --order-limit N      ORDERS per 10 seconds (default ${DEFAULT_RATE_LIMITS.ordersPer10s})
  --daily-order-limit N  ORDERS per day (default ${DEFAULT_RATE_LIMITS.ordersPerDay})
  --ban-after N        429s in a minute before the IP is banned with 418 (default ${DEFAULT_RATE_LIMITS.banAfter})
  --ban-ms MS          how long a ban lasts (default ${DEFAULT_RATE_LIMITS.banMs})
`;

const BINANCE_FLAGS = [
  ...MARKET_FLAGS,
  'api-key',
  'secret-key',
  'key-file',
  'weight-limit',
  'order-limit',
  'daily-order-limit',
  'ban-after',
  'ban-ms',
] as const;

/** A positive whole number. */
const whole = (n: number): boolean => Number.isSafeInteger(n) && n >= 1;

/** The local Binance's options from its command line and environment (keys never echoed). */
export function parseBinanceArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): BinanceServerOptions | 'help' {
  const flags = readVenueFlags(argv, BINANCE_FLAGS);
  if (flags.help) return 'help';
  const { values } = flags;
  const apiKey = values['api-key'] ?? env.EXO_BINANCE_API_KEY;
  const secretKey = values['secret-key'] ?? env.EXO_BINANCE_SECRET_KEY;
  const keyFile = values['key-file'] ?? env.EXO_BINANCE_KEY_FILE;
  let keys: BinanceServerOptions['keys'];
  try {
    keys = loadApiKeys({
      ...(apiKey === undefined ? {} : { apiKey }),
      ...(secretKey === undefined ? {} : { secretKey }),
      ...(keyFile === undefined ? {} : { keyFile }),
    });
  } catch (error) {
    if (!(error instanceof KeySourceError)) throw error;
    throw new VenueUsageError(error.message);
  }
  const d = DEFAULT_RATE_LIMITS;
  return {
    ...readMarketOptions(values, 9200),
    keys,
    rateLimits: {
      weightPerMinute: numberOption(
        values['weight-limit'],
        '--weight-limit',
        d.weightPerMinute,
        whole,
      ),
      ordersPer10s: numberOption(values['order-limit'], '--order-limit', d.ordersPer10s, whole),
      ordersPerDay: numberOption(
        values['daily-order-limit'],
        '--daily-order-limit',
        d.ordersPerDay,
        whole,
      ),
      banAfter: numberOption(values['ban-after'], '--ban-after', d.banAfter, whole),
      banMs: numberOption(values['ban-ms'], '--ban-ms', d.banMs, whole),
    },
  };
}

/** `exo venue --protocol binance`. */
export const binanceProtocol: VenueProtocol = {
  usage: BINANCE_USAGE,
  prepare(argv, env) {
    const options = parseBinanceArgs(argv, env);
    if (options === 'help') return 'help';
    return async () => {
      const server = await startBinanceServer(options);
      const keyNote = options.keys.size === 0 ? ' (no API keys: signed requests get -2015)' : '';
      return {
        banner: `exo venue (local Binance) listening on ${server.url}${keyNote}`,
        close: () => server.close(),
      };
    };
  },
};
