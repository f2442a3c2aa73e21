import { setTimeout as sleep } from 'node:timers/promises';
import type { TradingStatus } from '../engine/trading-status.js';
import { covers, scopeText, type TradingScope } from '../market/trading-state.js';
import type { TradingChangeAnswer } from '../server/routes/trading.js';
import { readSubcommandFlags, type SubcommandFlags } from '../util/subcommand-flags.js';
import { argsOrExit } from './args-or-exit.js';
import { ExoClient, ExoRequestError } from './exo-client.js';
import { token as bearerToken } from './option-values.js';
import { ConfigError, OPTIONS } from './options.js';

/** What `exo halt` and `exo resume` do: halt trading, or let it resume. */
export type TradingAction = 'halt' | 'resume';

/** What the commands talk to: arguments' environment and output (the CLI's CommandIO fits). */
export interface TradingCommandIO {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
}

/** Where the commands find exo unless told: the address and port `exo` listens on by default. */
export const DEFAULT_EXO_URL = `http://${OPTIONS.host.fallback}:${OPTIONS.port.fallback}`;
/** How long `exo halt` waits for the venue to confirm its cancels unless told. */
export const DEFAULT_WAIT_MS = 10_000;
/** The longest `--wait-ms`: ten minutes. */
const MAX_WAIT_MS = 600_000;
/** How often `exo halt` asks exo whether the cancels are confirmed. */
const POLL_MS = 100;

/** How `exo halt` and `exo resume` are used, printed for `--help` and a bad command line. */
export const TRADING_USAGE = `Usage: exo halt [--symbol S] [--reason R] [--wait-ms MS] [--url URL]
       exo resume [--symbol S] [--reason R] [--url URL]
Halts trading on a running exo, everywhere or for one symbol: no new orders, and every working
child order is cancelled; exo halt waits until the venue has confirmed each cancel and says how
many. exo resume lets trading resume.
  --symbol S     only this symbol (default: every symbol)
  --reason R     why: journaled and announced with the change
  --wait-ms MS   exo halt: how long to wait for the venue's confirmations (default ${DEFAULT_WAIT_MS};
                 0 does not wait)
  --url URL      the running exo (default ${DEFAULT_EXO_URL})
  --token T      the bearer token exo was started with; prefer the variable EXO_TOKEN
Exit 0 once done; 1 when exo cannot be reached or refuses, or the cancels were not all confirmed
in time (the halt is in force all the same); 2 for a bad command line.
`;

/** The flags `exo halt` and `exo resume` take besides `--help`. */
const TRADING_FLAGS = ['url', 'token', 'symbol', 'reason', 'wait-ms'] as const;

/** What the command line asks for. */
interface TradingArgs {
  readonly url: string;
  readonly token?: string;
  readonly symbol?: string;
  readonly reason?: string;
  readonly waitMs: number;
}

/**
 * `exo halt` and `exo resume`: asks a running exo over HTTP (as `cli`) to halt or resume trading,
 * waits for a halt's cancels to be confirmed, prints one line of what happened, and resolves with
 * the exit status (0 done, 1 exo unreachable or refusing or the cancels unconfirmed in time, 2 bad
 * usage). The token is never printed.
 */
export async function runTradingCommand(
  action: TradingAction,
  argv: readonly string[],
  io: TradingCommandIO,
): Promise<number> {
  const parsed = argsOrExit(`exo ${action}`, TRADING_USAGE, io, () =>
    parseTradingArgs(argv, io.env),
  );
  if ('exit' in parsed) return parsed.exit;
  const { args } = parsed;
  const client = new ExoClient(args.url, args.token);
  const body = {
    ...(args.symbol === undefined ? {} : { symbol: args.symbol }),
    ...(args.reason === undefined ? {} : { reason: args.reason }),
    by: 'cli',
  };
  try {
    const change = await client.post<TradingChangeAnswer>(`/v1/${action}`, body);
    const line =
      action === 'halt'
        ? await haltOutcome(client, change, args.waitMs)
        : resumeOutcome(change, await client.get<TradingStatus>('/v1/trading'));
    (line.ok ? io.stdout : io.stderr).write(`${line.ok ? '' : `exo ${action}: `}${line.text}\n`);
    return line.ok ? 0 : 1;
  } catch (error) {
    if (!(error instanceof ExoRequestError)) throw error;
    io.stderr.write(`exo ${action}: ${error.message}\n`);
    return 1;
  }
}

/** The command's outcome in one line, and whether it is a success. */
interface Outcome {
  readonly ok: boolean;
  readonly text: string;
}

/** Waits (up to `waitMs`) for the venue to end every child the halt cancelled, and says how it went. */
async function haltOutcome(
  client: ExoClient,
  change: TradingChangeAnswer,
  waitMs: number,
): Promise<Outcome> {
  const head = `halted (${scopeText(change)})`;
  const total = change.cancelling;
  if (total === 0) return { ok: true, text: `${head}: no working children to cancel` };
  if (waitMs === 0) return { ok: true, text: `${head}: ${children(total)} being cancelled` };
  const deadline = Date.now() + waitMs;
  let waiting = total;
  for (;;) {
    const status = await client.get<TradingStatus>('/v1/trading');
    waiting = awaiting(status, change);
    const left = deadline - Date.now();
    if (waiting === 0 || left <= 0) break;
    await sleep(Math.min(POLL_MS, left));
  }
  if (waiting === 0) {
    return { ok: true, text: `${head}: ${children(total)} cancelled, confirmed by the venue` };
  }
  return {
    ok: false,
    text: `${head}, but ${waiting} of ${children(total)} still await the venue's confirmation after ${waitMs} ms (GET /v1/trading lists them)`,
  };
}

/** What a resume left: the state now, and the symbols still restricted by their own or the global state. */
function resumeOutcome(change: TradingChangeAnswer, status: TradingStatus): Outcome {
  const head = `resumed (${scopeText(change)}): trading is ${change.state}`;
  const restricted = Object.entries(status.symbols)
    .filter(([symbol, state]) => covers(change, symbol) && state.effective !== 'active')
    .map(([symbol, state]) => `${symbol} ${state.effective}`);
  const tail = restricted.length === 0 ? '' : `, but still ${restricted.join(', ')}`;
  return { ok: true, text: `${head}${tail}` };
}

/** How many of the scope's children halts cancelled still await the venue. */
function awaiting(status: TradingStatus, scope: TradingScope): number {
  return status.awaitingCancel.filter((child) => covers(scope, child.symbol)).length;
}

function children(count: number): string {
  return `${count} working ${count === 1 ? 'child' : 'children'}`;
}

/** The command line read, with EXO_TOKEN for the token; throws ConfigError naming what is wrong. */
function parseTradingArgs(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): TradingArgs | 'help' {
  let flags: SubcommandFlags<(typeof TRADING_FLAGS)[number]>;
  try {
    flags = readSubcommandFlags(argv, TRADING_FLAGS);
  } catch (error) {
    throw new ConfigError((error as Error).message);
  }
  if (flags.help) return 'help';
  const text = (name: (typeof TRADING_FLAGS)[number]): string | undefined => {
    const value = flags.values[name];
    if (value === undefined) return undefined;
    if (value.trim() === '') throw new ConfigError(`--${name}: expected a value`);
    return value;
  };
  const token = text('token') ?? (env.EXO_TOKEN === '' ? undefined : env.EXO_TOKEN);
  const symbol = text('symbol');
  const reason = text('reason');
  return {
    url: exoUrl(text('url') ?? DEFAULT_EXO_URL),
    ...(token === undefined ? {} : { token: bearerToken('token', token) }),
    ...(symbol === undefined ? {} : { symbol }),
    ...(reason === undefined ? {} : { reason }),
    waitMs: waitMs(text('wait-ms')),
  };
}

/** An http(s) URL of a running exo. */
function exoUrl(text: string): string {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(
      `--url: expected an http URL such as ${DEFAULT_EXO_URL}, got ${JSON.stringify(text)}`,
    );
  }
  return text;
}

/** `--wait-ms`: a whole number of milliseconds from 0 to MAX_WAIT_MS. */
function waitMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_WAIT_MS;
  const value = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!(value <= MAX_WAIT_MS)) {
    throw new ConfigError(
      `--wait-ms: expected a whole number of milliseconds from 0 to ${MAX_WAIT_MS}, got ${JSON.stringify(text)}`,
    );
  }
  return value;
}
