import type { FastifyBaseLogger } from 'fastify';
import type { Bindings, ChildLoggerOptions, Level, LevelWithSilentOrString, Logger } from 'pino';

/**
 * fastify's `childLoggerFactory` for exo's service: each request's logger is a LazyRequestLogger
 * over the logger fastify hands it (pino's child of the service's logger, with fastify's `req`
 * and `res` serializers), which the service always builds with a pino logger.
 */
export function lazyRequestLogger(
  logger: FastifyBaseLogger,
  bindings: Bindings,
  options: ChildLoggerOptions,
): FastifyBaseLogger {
  return new LazyRequestLogger(logger as Logger, bindings, options);
}

/** What a log method takes: an object or a message first, then a message and format arguments. */
type LogArguments = [objOrMsg: unknown, ...rest: unknown[]];

/**
 * A request's logger that makes pino's child logger (with the request's `reqId`) the first time
 * it logs a line at a level the service logs. fastify makes a child logger for every request, and
 * pino's `child()` serializes and redacts the bindings each time: 2 % of what an order allocates,
 * although a service at `warn` logs nothing for nearly every request. A line logged still carries
 * the bindings and passes the same redaction.
 */
export class LazyRequestLogger implements FastifyBaseLogger {
  readonly #parent: Logger;
  readonly #bindings: Bindings;
  readonly #options: ChildLoggerOptions;
  #child: Logger | undefined;

  constructor(parent: Logger, bindings: Bindings, options: ChildLoggerOptions = {}) {
    this.#parent = parent;
    this.#bindings = bindings;
    this.#options = options;
  }

  /** The level it logs at: the request's own when its route set one, else the service's. */
  get level(): LevelWithSilentOrString {
    return this.#child?.level ?? this.#options.level ?? this.#parent.level;
  }

  set level(level: LevelWithSilentOrString) {
    this.#real().level = level;
  }

  /** Whether pino's child was made: only once a line was logged at an enabled level. */
  get materialized(): boolean {
    return this.#child !== undefined;
  }

  child(bindings: Bindings, options?: ChildLoggerOptions): FastifyBaseLogger {
    return this.#real().child(bindings, options);
  }

  fatal(...args: LogArguments): void {
    this.#log('fatal', args);
  }

  error(...args: LogArguments): void {
    this.#log('error', args);
  }

  warn(...args: LogArguments): void {
    this.#log('warn', args);
  }

  info(...args: LogArguments): void {
    this.#log('info', args);
  }

  debug(...args: LogArguments): void {
    this.#log('debug', args);
  }

  trace(...args: LogArguments): void {
    this.#log('trace', args);
  }

  silent(): void {}

  #log(level: Level, args: LogArguments): void {
    if (this.#child === undefined && !this.#enabled(level)) return;
    const child = this.#real();
    Reflect.apply(child[level], child, args);
  }

  #enabled(level: Level): boolean {
    const own = this.#options.level;
    if (own === undefined) return this.#parent.isLevelEnabled(level);
    const values = this.#parent.levels.values;
    return own !== 'silent' && values[level]! >= values[own]!;
  }

  #real(): Logger {
    this.#child ??= this.#parent.child(this.#bindings, this.#options);
    return this.#child;
  }
}
