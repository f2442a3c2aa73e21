import { parseArgs } from 'node:util';
import {
  ConfigError,
  LIVE,
  NO_RISK_LIMITS,
  OPTIONS,
  type OptionName,
  optionError,
  STANDBY,
} from './options.js';

/**
 * What the command line says: whether it asks for help, whether it runs without risk limits, and
 * the value of each flag given.
 */
export interface Flags {
  readonly help: boolean;
  readonly noRiskLimits: boolean;
  /** `--live`: trading on Binance's live endpoint is meant. */
  readonly live?: boolean;
  /** `--standby`: wait for the journal's lease rather than refuse while another exo holds it. */
  readonly standby?: boolean;
  readonly values: Partial<Record<OptionName, string>>;
}

/** A value given as its own argument that is a negative number rather than another flag. */
const NEGATIVE_NUMBER = /^-\d/;

/**
 * Reads `exo`'s flags. `--port -1` and `--port=-1` both give the value `-1`, for its own check to
 * refuse by range; any other value starting with `-` must be written `--flag=value`, so that a
 * forgotten value never swallows the next flag. Throws a one-line ConfigError naming the argument.
 */
export function readFlags(argv: readonly string[]): Flags {
  const { tokens } = parseArgs({
    args: [...argv],
    strict: false,
    allowPositionals: true,
    tokens: true,
    options: {
      ...Object.fromEntries(
        Object.keys(OPTIONS).map((name) => [name, { type: 'string' as const }]),
      ),
      help: { type: 'boolean', short: 'h' },
      [NO_RISK_LIMITS]: { type: 'boolean' },
      [LIVE]: { type: 'boolean' },
      [STANDBY]: { type: 'boolean' },
    },
  });
  if (tokens.some((token) => token.kind === 'option' && token.name === 'help')) {
    return { help: true, noRiskLimits: false, values: {} };
  }
  const values: Partial<Record<OptionName, string>> = {};
  let noRiskLimits = false;
  let live = false;
  let standby = false;
  for (const token of tokens) {
    if (token.kind !== 'option') {
      const text = token.kind === 'positional' ? token.value : '--';
      throw new ConfigError(`unexpected argument ${JSON.stringify(text)}: exo takes only options`);
    }
    const name = token.name;
    if (name === LIVE) {
      if (token.value !== undefined) throw new ConfigError(`--${LIVE} takes no value`);
      live = true;
      continue;
    }
    if (name === STANDBY) {
      if (token.value !== undefined) throw new ConfigError(`--${STANDBY} takes no value`);
      standby = true;
      continue;
    }
    if (name === NO_RISK_LIMITS) {
      if (token.value !== undefined) {
        throw new ConfigError(`--${NO_RISK_LIMITS} takes no value`);
      }
      noRiskLimits = true;
      continue;
    }
    if (!Object.hasOwn(OPTIONS, name)) throw new ConfigError(`unknown option ${token.rawName}`);
    const option = name as OptionName;
    const value = token.value;
    if (value === undefined) optionError(option, 'expected a value');
    if (!token.inlineValue && value.startsWith('-') && !NEGATIVE_NUMBER.test(value)) {
      optionError(
        option,
        `expected a value, not another flag (write --${option}=VALUE for one starting with -)`,
      );
    }
    values[option] = value;
  }
  return { help: false, noRiskLimits, live, ...(standby ? { standby } : {}), values };
}
