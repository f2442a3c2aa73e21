import { parseArgs } from 'node:util';

/** A subcommand's flags as given: `--help`/`-h`, and the value of each string flag present. */
export interface SubcommandFlags<Name extends string> {
  readonly help: boolean;
  readonly values: Partial<Record<Name, string>>;
}

/**
 * Reads a subcommand's command line (`exo venue`, `exo halt`...): string flags named `names` and
 * `--help`, strictly (no positional argument, no unknown flag, a value for each). Throws an Error
 * whose message is one line naming the argument; parseArgs never repeats a value in it, so a
 * secret given as a flag stays out of it.
 */
export function readSubcommandFlags<Name extends string>(
  argv: readonly string[],
  names: readonly Name[],
): SubcommandFlags<Name> {
  try {
    const { values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        ...Object.fromEntries(names.map((name) => [name, { type: 'string' as const }])),
        help: { type: 'boolean', short: 'h' },
      },
    });
    const { help, ...strings } = values as Record<string, string | boolean | undefined>;
    return { help: help === true, values: strings as Partial<Record<Name, string>> };
  } catch (error) {
    throw new Error((error instanceof Error ? error.message : String(error)).split('\n')[0]);
  }
}
