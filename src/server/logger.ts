import { type Logger, type LoggerOptions, pino } from 'pino';

/** How the service logs. */
export interface LoggerConfig {
  readonly level: string;
  /** Human-readable lines instead of JSON, for a terminal. */
  readonly pretty: boolean;
}

/** Paths whose values never reach a log line: credentials wherever they might appear. */
export const REDACTED_PATHS = [
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'headers.authorization',
  'headers.cookie',
  // Venue credentials (Binance's keys), should a config or an error carrying one be logged.
  'apiKey',
  '*.apiKey',
  'secretKey',
  '*.secretKey',
  'privateKey',
  '*.privateKey',
  'headers["x-mbx-apikey"]',
  'req.headers["x-mbx-apikey"]',
];

/**
 * The service's pino logger: JSON lines, or pretty ones on a terminal, with secrets redacted.
 * pino-pretty is loaded only for a terminal, so a server writing JSON never needs it installed.
 */
export async function createLogger(config: LoggerConfig): Promise<Logger> {
  const options: LoggerOptions = {
    level: config.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  };
  if (!config.pretty) return pino(options);
  const { default: pretty } = await import('pino-pretty');
  return pino(options, pretty({ colorize: true, destination: 1 }));
}
