import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { checkJournal } from '../../src/journal/check-journal.js';
import type { CrashPoint } from '../../src/util/crash-points.js';
import { type ProcessEnd, writeEvidence } from './evidence.js';
import { cancelEverythingLive, instructOnce, waitUntilAllTerminal } from './instructions.js';
import { type ClientRecord, checkInvariants } from './invariants.js';
import { freePort, kill9, NotStarted, type Running, startProcess, stop } from './processes.js';
import { repairedFills } from './repaired-fills.js';
import { exoArgs, type VenueMode, venueSide } from './venue-modes.js';
import type { VenueTruth } from './venue-truth.js';

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

/** What one trial found: every invariant it broke, what it did, and where its evidence is. */
export interface TrialResult {
  readonly seed: number;
  readonly violations: readonly string[];
  readonly orders: number;
  readonly instructions: number;
  readonly kills: number;
  /** How many more kills landed while a restarted exo recovered. */
  readonly recoveryKills: number;
  /** The dir holding the journal, logs, ledger and violations, when kept. */
  readonly keptAt?: string;
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
  const dir = mkdtempSync(join(tmpdir(), `exo-crash-seed${options.seed}-`));
  const trial = new Trial(options, dir);
  await trial.play();
  const processes = await trial.end();
  trial.violations.push(
    ...repairedFills(
      dir,
      processes.map((end) => end.log),
    ),
  );
  const result: TrialResult = {
    seed: options.seed,
    violations: trial.violations,
    orders: trial.records.size,
    instructions: trial.instructions,
    kills: options.kills,
    recoveryKills: trial.recoveryKills,
  };
  if (options.keep !== true && !process.env.EXO_CRASH_KEEP && trial.violations.length === 0) {
    rmSync(dir, { recursive: true, force: true });
    return result;
  }
  writeEvidence(dir, {
    settings: {
      seed: options.seed,
      mode: options.mode ?? 'paper',
      kills: options.kills,
      clients: options.clients ?? CLIENTS,
      crashAt: options.crashAt ?? null,
      exoLogLevel: EXO_LOG_LEVEL,
    },
    processes,
    venue: trial.venueTruth,
    violations: trial.violations,
    clients: trial.records.values(),
  });
  console.log(`kept evidence of seed ${options.seed} in ${dir}`);
  return { ...result, keptAt: dir };
}

/** A process the trial started (or tried to), and its log file's name in the trial's dir. */
export interface Started {
  readonly log: string;
  readonly running: Promise<Running>;
}

/** One trial in progress: its processes, what the clients were told, and what broke. */
class Trial {
  readonly records = new Map<string, ClientRecord>();
  readonly violations: string[] = [];
  instructions = 0;
  recoveryKills = 0;
  /** Read from the venue once every order is terminal (or after the trial broke off). */
  venueTruth: VenueTruth | undefined;
  readonly #options: TrialOptions;
  readonly #dir: string;
  readonly #journal: string;
  /** Reads what the venue did (set once the venue is chosen). */
  #truth: ((address: string) => Promise<VenueTruth>) | undefined;
  /** The venue first, then every exo in start order. */
  readonly #started: Started[] = [];

  constructor(options: TrialOptions, dir: string) {
    this.#options = options;
    this.#dir = dir;
    this.#journal = join(dir, 'journal.db');
  }

  /** Plays the trial; one that breaks off (exo never answers, say) counts as a violation. */
  async play(): Promise<void> {
    try {
      await this.#play();
    } catch (error) {
      this.violations.push(`the trial broke off: ${error instanceof Error ? error.stack : error}`);
    }
  }

  /**
   * Ends every process still running, exo with SIGKILL and the venue with SIGTERM (after reading
   * its state, if the trial broke off before it did), and says how each one ended.
   */
  async end(): Promise<ProcessEnd[]> {
    const [venue, ...exos] = this.#started;
    const ends = await Promise.all(exos.map((exo) => ending(exo, kill9)));
    if (venue === undefined) return ends;
    return [await ending(venue, (running) => this.#stopVenue(running)), ...ends];
  }

  async #play(): Promise<void> {
    const options = this.#options;
    const random = new SeededRandom(options.seed);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + DEADLINE_MS;
    const side = venueSide(options.mode ?? 'paper', this.#dir, options.seed);
    this.#truth = side.truth;
    const venue = await this.#start('venue.log', side.entry, side.args, side.announces, side.env);
    // exo-1.log, exo-2.log, …: the venue is #started[0].
    // Resolves once exo serves (after its recovery), or with `early`, once it has opened its
    // journal: before or during its recovery.
    const startExo = (env: NodeJS.ProcessEnv = {}, early = false): Promise<Running> =>
      this.#start(
        `exo-${this.#started.length}.log`,
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
    let running = true;
    const client = async (id: number): Promise<void> => {
      let n = 0;
      while (running && Date.now() < deadline) {
        this.instructions++;
        await instructOnce(base, random, this.records, `c${id}-${n++}-${options.seed}`, deadline);
      }
    };
    const clients = Array.from({ length: options.clients ?? CLIENTS }, (_, i) => client(i));
    // Handled from the start: a client that gives up (exo unanswered past the deadline) while a
    // restart is still awaited must end the trial as broken off, not the harness as unhandled.
    const clientsEnded = Promise.allSettled(clients);
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
      // Even when a restart failed: no client may outlive its trial and write to the next one.
      running = false;
      await clientsEnded;
    }
    await Promise.all(clients);
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

  /** Starts a process whose output goes to `log` in the trial's dir, and remembers it. */
  #start(
    log: string,
    entry: string,
    args: readonly string[],
    announces: RegExp,
    env: NodeJS.ProcessEnv = {},
  ): Promise<Running> {
    const running = startProcess(entry, args, announces, join(this.#dir, log), env);
    this.#started.push({ log, running });
    return running;
  }

  async #stopVenue(venue: Running): Promise<void> {
    this.venueTruth ??= await this.#truth?.(venue.url).catch((error: unknown) => {
      this.violations.push(`could not read what the venue did: ${error}`);
      return undefined;
    });
    await stop(venue);
  }
}

/** Ends a started process with `finish` and says how it ended, or why it never started. */
export async function ending(
  { log, running }: Started,
  finish: (running: Running) => Promise<void>,
): Promise<ProcessEnd> {
  try {
    const started = await running;
    await finish(started);
    return { log, ended: await started.ended };
  } catch (error) {
    if (!(error instanceof NotStarted)) throw error;
    return { log, ended: `did not start: ${error.ended}` };
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
