import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { checkJournal } from '../../src/journal/check-journal.js';
import type { CrashPoint } from '../../src/util/crash-points.js';
import { cancelEverythingLive, waitUntilAllTerminal } from './instructions.js';
import { checkInvariants } from './invariants.js';
import { freePort, kill9, type Running, stop } from './processes.js';
import { finishTrial, type TrialResult, TrialRun } from './trial-run.js';
import { exoArgs, type VenueMode, venueSide } from './venue-modes.js';

export type { TrialResult } from './trial-run.js';

/** One kill -9 trial's settings. */
export interface TrialOptions {
  readonly seed: number;
  /** The venue exo trades with: the paper venue over exo's protocol (default) or over FIX. */
  readonly mode?: VenueMode;
  /** How many times exo is SIGKILLed during the trial. */
  readonly kills: number;
  /** Concurrent clients sending instructions. */
  readonly clients?: number;
  /** A named moment at which the first exo kills itself (EXO_CRASH_AT), before the random kills. */
  readonly crashAt?: CrashPoint;
  /** Keep the trial's evidence even if every invariant holds (so does EXO_CRASH_KEEP=1). */
  readonly keep?: boolean;
}

/** How often a kill is followed by a second one while the restarted exo recovers. */
const RECOVERY_KILL_CHANCE = 0.4;
const CLIENTS = 3;
const DEADLINE_MS = 60_000;
/** How long the first exo may take to reach its crash point under the clients' load. */
const CRASH_WAIT_MS = 15_000;
/** Info, not warn: a kept trial's logs then show what exo did before it went wrong. */
const EXO_LOG_LEVEL = 'info';

/**
 * Runs exo against a standalone paper venue in its own process, sends random new, replace and
 * cancel instructions (each retried with its Idempotency-Key until answered, as a real client
 * would), SIGKILLs exo at random moments and restarts it on the same journal, then lets every
 * order finish and checks what exo says against what the venue did. The trial works in its own
 * temp dir; when an invariant breaks (or `keep` or EXO_CRASH_KEEP=1 asks), the dir is kept with
 * the evidence needed to explain it (journal, logs, the venue's ledger), else it is deleted.
 */
export async function runTrial(options: TrialOptions): Promise<TrialResult> {
  const trial = new Trial(options, mkdtempSync(join(tmpdir(), `exo-crash-seed${options.seed}-`)));
  await trial.play();
  return finishTrial(trial, options, {
    seed: options.seed,
    mode: options.mode ?? 'paper',
    kills: options.kills,
    clients: options.clients ?? CLIENTS,
    crashAt: options.crashAt ?? null,
    exoLogLevel: EXO_LOG_LEVEL,
  });
}

/** One trial in progress: exo restarted on its journal after each kill. */
class Trial extends TrialRun {
  readonly #options: TrialOptions;
  readonly #journal: string;

  constructor(options: TrialOptions, dir: string) {
    super(dir);
    this.#options = options;
    this.#journal = join(dir, 'journal.db');
  }

  protected async scenario(): Promise<void> {
    const options = this.#options;
    const random = new SeededRandom(options.seed);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + DEADLINE_MS;
    const side = venueSide(options.mode ?? 'paper', this.dir, options.seed);
    this.truth = side.truth;
    const venue = await this.start('venue.log', side.entry, side.args, side.announces, side.env);
    // exo-1.log, exo-2.log, …: the venue is #started[0].
    // Resolves once exo serves (after its recovery), or with `early`, once it has opened its
    // journal: before or during its recovery.
    const startExo = (env: NodeJS.ProcessEnv = {}, early = false): Promise<Running> =>
      this.start(
        `exo-${this.startedCount}.log`,
        'cli/exo.js',
        exoArgs(port, side, venue.url, this.#journal, EXO_LOG_LEVEL),
        early ? /exo: journal (\S+)/ : /Dashboard: (http:\/\/\S+)\//,
        { ...side.env, ...env },
      );
    let exo = await startExo(
      options.crashAt === undefined
        ? {}
        : { EXO_CRASH_AT: options.crashAt, EXO_SNAPSHOT_EVERY: '20' },
    );
    const stopClients = this.clients(
      base,
      random,
      options.seed,
      options.clients ?? CLIENTS,
      deadline,
    );
    try {
      if (options.crashAt !== undefined) {
        if (await exitsWithin(exo, CRASH_WAIT_MS)) exo = await startExo();
        else this.violations.push(`exo never reached its crash point ${options.crashAt}`);
      }
      for (let k = 0; k < options.kills; k++) {
        await sleep(random.integer(150, 900));
        await kill9(exo);
        if (random.chance(RECOVERY_KILL_CHANCE)) {
          // Killed again while it recovers: whatever it journaled then must not hide a fill.
          const recovering = await startExo({}, true);
          await sleep(random.integer(0, 250));
          await kill9(recovering);
          this.recoveryKills++;
        }
        exo = await startExo();
      }
      await sleep(random.integer(100, 400));
    } finally {
      await stopClients();
    }
    await cancelEverythingLive(base, this.records, deadline);
    const orders = await waitUntilAllTerminal(base, this.records, deadline);
    this.venueTruth = await side.truth(venue.url);
    await stop(exo);
    this.violations.push(
      ...checkInvariants({
        records: this.records,
        orders,
        venue: this.venueTruth,
        journalProblem: journalProblem(this.#journal),
      }),
    );
  }
}

/** Why the journal file fails `exo journal check` (integrity, schema), if it does. */
function journalProblem(path: string): string | undefined {
  try {
    checkJournal(path);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Whether the process exits (by itself) within `ms`. */
function exitsWithin(running: Running, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    if (running.child.exitCode !== null || running.child.signalCode !== null) {
      resolve(true);
      return;
    }
    const timer = setTimeout(() => resolve(false), ms);
    running.child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}
