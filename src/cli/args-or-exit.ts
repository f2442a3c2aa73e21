import { EXIT } from './exit-status.js';
import { ConfigError } from './options.js';

/** Where a command prints its usage. */
export interface UsageIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/**
 * A subcommand's arguments as `parse` reads them, or the exit status it ends with instead: after
 * `help`, its usage on stdout and 0; after a ConfigError, `<name>: <message>` and its usage on
 * stderr and 2 (nothing has run). Any other error is thrown on.
 */
export function argsOrExit<T>(
  name: string,
  usage: string,
  io: UsageIO,
  parse: () => T | 'help',
): { readonly args: T } | { readonly exit: number } {
  let args: T | 'help';
  try {
    args = parse();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.stderr.write(`${name}: ${error.message}\n${usage}`);
    return { exit: EXIT.usage };
  }
  if (args === 'help') {
    io.stdout.write(usage);
    return { exit: EXIT.ok };
  }
  return { args };
}
