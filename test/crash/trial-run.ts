import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { type ProcessEnd, writeEvidence } from './evidence.js';
import { instructOnce } from './instructions.js';
import type { ClientRecord } from './invariants.js';
import { kill9, NotStarted, type Running, startProcess, stop } from './processes.js';
import { repairedFills } from './repaired-fills.js';
import type { VenueTruth } from './venue-truth.js';

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

/** A process the trial started (or tried to), and its log file's name in the trial's dir. */
interface Started {
  readonly log: string;
  readonly running: Promise<Running>;
}

/**
 * What every kind of kill -9 trial shares: the processes it started (the venue first), what the
 * clients were told, what broke, and how it ends and keeps its evidence. A trial kind (one exo
 * restarted on its journal; workers behind a gateway) plays its own scenario on top.
 */
export abstract class TrialRun {
  readonly records = new Map<string, ClientRecord>();
  readonly violations: string[] = [];
  instructions = 0;
  recoveryKills = 0;
  /** Read from the venue once every order is terminal (or after the trial broke off). */
  venueTruth: VenueTruth | undefined;
  /** Reads what the venue did (set once the venue is chosen). */
  protected truth: ((address: string) => Promise<VenueTruth>) | undefined;
  /** The trial's own temp dir: logs, the journal file, evidence. */
  readonly dir: string;
  /** The venue first, then every other process in start order. */
  readonly #started: Started[] = [];

  constructor(dir: string) {
    this.dir = dir;
  }

  /** The trial's own scenario, up to the invariants checked. */
  protected abstract scenario(): Promise<void>;

  /** Plays the trial; one that breaks off (exo never answers, say) counts as a violation. */
  async play(): Promise<void> {
    try {
      await this.scenario();
    } catch (error) {
      this.violations.push(`the trial broke off: ${error instanceof Error ? error.stack : error}`);
    }
  }

  /**
   * Ends every process still running, all but the venue with SIGKILL and the venue with SIGTERM
   * (after reading its state, if the trial broke off before it did), and says how each ended.
   */
  async end(): Promise<ProcessEnd[]> {
    const [venue, ...rest] = this.#started;
    const ends = await Promise.all(rest.map((started) => ending(started, kill9)));
    if (venue === undefined) return ends;
    return [await ending(venue, (running) => this.#stopVenue(running)), ...ends];
  }

  /** How many processes were started so far (the venue included). */
  protected get startedCount(): number {
    return this.#started.length;
  }

  /** Starts a process whose output goes to `log` in the trial's dir, and remembers it. */
  protected start(
    log: string,
    entry: string,
    args: readonly string[],
    announces: RegExp,
    env: NodeJS.ProcessEnv = {},
  ): Promise<Running> {
    const running = startProcess(entry, args, announces, join(this.dir, log), env);
    this.#started.push({ log, running });
    return running;
  }

  /**
   * Starts `count` clients sending random instructions to `base` until the deadline or until
   * the returned stop is called (which resolves once every client has finished its instruction).
   */
  protected clients(
    base: string,
    random: SeededRandom,
    seed: number,
    count: number,
    deadline: number,
  ): () => Promise<void> {
    let running = true;
    const client = async (id: number): Promise<void> => {
      let n = 0;
      while (running && Date.now() < deadline) {
        this.instructions++;
        await instructOnce(base, random, this.records, `c${id}-${n++}-${seed}`, deadline);
      }
    };
    const clients = Array.from({ length: count }, (_, i) => client(i));
    // Handled from the start: a client that gives up (exo unanswered past the deadline) while a
    // restart is still awaited must end the trial as broken off, not the harness as unhandled.
    const ended = Promise.allSettled(clients);
    return async () => {
      // Even when a restart failed: no client may outlive its trial and write to the next one.
      running = false;
      await ended;
      await Promise.all(clients);
    };
  }

  async #stopVenue(venue: Running): Promise<void> {
    this.venueTruth ??= await this.truth?.(venue.url).catch((error: unknown) => {
      this.violations.push(`could not read what the venue did: ${error}`);
      return undefined;
    });
    await stop(venue);
  }
}

/**
 * Ends a played trial: its processes ended, fills repaired in its logs counted as violations,
 * and its dir deleted (with `cleanUp` run) when nothing broke and nothing asks to keep it, else
 * kept with the evidence (`settings` among it) and named on the console.
 */
export async function finishTrial(
  trial: TrialRun,
  options: { readonly seed: number; readonly kills: number; readonly keep?: boolean },
  settings: Record<string, unknown>,
  cleanUp: () => Promise<void> = async () => {},
): Promise<TrialResult> {
  const { dir } = trial;
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
    await cleanUp();
    return result;
  }
  writeEvidence(dir, {
    settings,
    processes,
    venue: trial.venueTruth,
    violations: trial.violations,
    clients: trial.records.values(),
  });
  console.log(`kept evidence of seed ${options.seed} in ${dir}`);
  return { ...result, keptAt: dir };
}

/** Ends a started process with `finish` and says how it ended, or why it never started. */
async function ending(
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
