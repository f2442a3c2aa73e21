import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { checkPgJournal } from '../../src/journal/postgres/pg-check.js';
import { cancelEverythingLive, waitUntilAllTerminal } from './instructions.js';
import { checkInvariants } from './invariants.js';
import { freePort, kill9, type Running, stop } from './processes.js';
import { finishTrial, type TrialResult, TrialRun } from './trial-run.js';
import { venueSide } from './venue-modes.js';

/** One HA trial's settings. */
export interface HaTrialOptions {
  readonly seed: number;
  /** How many times a worker owning shards is SIGKILLed. */
  readonly kills: number;
  /** Shards of the journal (each worker serves all of them it can get). */
  readonly shards?: number;
  readonly clients?: number;
  /** Keep the evidence (and the schema) even if every invariant holds. */
  readonly keep?: boolean;
}

const PG_URL = process.env.EXO_CRASH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const LEASE_MS = 1_000;
const SHARDS = 4;
const CLIENTS = 3;
const DEADLINE_MS = 90_000;
const EXO_LOG_LEVEL = 'info';

/**
 * Issue 16's kill -9 trial: two workers (`exo worker --shards all`) on one PostgreSQL journal of
 * SHARDS shards, a gateway in front, the standalone paper venue behind. Clients send random
 * instructions to the gateway (each retried with its Idempotency-Key while it answers 503);
 * the harness SIGKILLs a worker that owns a shard (found by its pid in the lease rows) at random
 * moments and starts a fresh worker in its place, so the others take its shards over once their
 * leases expire; a worker killed while it takes shards over is a kill during recovery. Then every
 * order is cancelled and the same invariants as the one-process trial are checked against the
 * venue. A violated trial keeps its dir (logs, the venue's ledger) and its schema, named in it.
 */
export async function runHaTrial(options: HaTrialOptions): Promise<TrialResult> {
  const dir = mkdtempSync(join(tmpdir(), `exo-crash-ha-seed${options.seed}-`));
  const schema = `crash_ha_${options.seed}_${process.pid}_${Math.random().toString(36).slice(2, 7)}`;
  const trial = new HaTrial(options, dir, schema);
  await trial.play();
  return finishTrial(
    trial,
    options,
    {
      seed: options.seed,
      mode: 'ha',
      kills: options.kills,
      clients: options.clients ?? CLIENTS,
      shards: options.shards ?? SHARDS,
      journal: `${PG_URL}?schema=${schema}`,
      exoLogLevel: EXO_LOG_LEVEL,
    },
    () => sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).then(() => undefined),
  );
}

class HaTrial extends TrialRun {
  readonly #options: HaTrialOptions;
  readonly #journal: string;
  readonly #schema: string;

  constructor(options: HaTrialOptions, dir: string, schema: string) {
    super(dir);
    this.#options = options;
    this.#schema = schema;
    this.#journal = `${PG_URL}?schema=${schema}&lease_ms=${LEASE_MS}`;
  }

  protected async scenario(): Promise<void> {
    const options = this.#options;
    const random = new SeededRandom(options.seed);
    const shards = options.shards ?? SHARDS;
    const deadline = Date.now() + DEADLINE_MS;
    const side = venueSide('paper', this.dir, options.seed);
    this.truth = side.truth;
    const venue = await this.start('venue.log', side.entry, side.args, side.announces);
    let workers = 0;
    const startWorker = (announces: RegExp): Promise<Running> =>
      this.start(
        `worker-${++workers}.log`,
        'cli/exo.js',
        [
          ...['worker', '--journal', this.#journal, '--shards', 'all'],
          ...['--shard-count', String(shards), ...side.exoArgs(venue.url)],
          ...['--no-risk-limits', '--log-level', EXO_LOG_LEVEL],
        ],
        announces,
      );
    // The first worker sets the journal up and takes every shard; the gateway comes after it.
    const live = [await startWorker(/: serving at (http:\/\/\S+)/)];
    const port = await freePort();
    const gateway = await this.start(
      'gateway.log',
      'cli/exo.js',
      ['gateway', '--journal', this.#journal, '--port', String(port), '--log-level', 'warn'],
      /exo gateway: serving (http:\/\/\S+)/,
    );
    const base = gateway.url.replace(/\/$/, '');
    await this.#untilOwned(shards, deadline);
    live.push(await startWorker(/"msg":"(exo worker starting)"/));
    const stopClients = this.clients(
      base,
      random,
      options.seed,
      options.clients ?? CLIENTS,
      deadline,
    );
    try {
      for (let k = 0; k < options.kills; k++) {
        await sleep(random.integer(150, 900) + LEASE_MS);
        const owners = await this.#ownerPids();
        const owning = live.filter((worker) => owners.has(worker.child.pid ?? -1));
        // A worker that owns nothing yet may be taking shards over: killing it is a recovery kill.
        const victim = owning.length > 0 ? owning[random.integer(0, owning.length - 1)]! : live[0]!;
        if (owning.length === 0) this.recoveryKills++;
        await kill9(victim);
        live.splice(live.indexOf(victim), 1);
        live.push(await startWorker(/"msg":"(exo worker starting)"/));
      }
      await this.#untilOwned(shards, deadline);
      await sleep(random.integer(100, 400));
    } finally {
      await stopClients();
    }
    await cancelEverythingLive(base, this.records, deadline);
    const orders = await waitUntilAllTerminal(base, this.records, deadline);
    this.venueTruth = await side.truth(venue.url);
    for (const worker of live) await stop(worker);
    await stop(gateway);
    this.violations.push(
      ...checkInvariants({
        records: this.records,
        orders,
        venue: this.venueTruth,
        journalProblem: await journalProblem(this.#journal),
      }),
    );
  }

  /** Waits until every shard has a live owner serving at an address. */
  async #untilOwned(shards: number, deadline: number): Promise<void> {
    for (;;) {
      const rows = await sql<{ n: string }>(
        `SELECT count(*) AS n FROM ${this.#schema}.journal_lease
         WHERE expires > now() AND address IS NOT NULL`,
      );
      if (Number(rows[0]?.n) === shards) return;
      if (Date.now() > deadline) throw new Error('the shards never all had a live owner');
      await sleep(50);
    }
  }

  /** The pids of the workers holding an unexpired lease (the owner is `host:pid:random`). */
  async #ownerPids(): Promise<Set<number>> {
    const rows = await sql<{ owner: string }>(
      `SELECT owner FROM ${this.#schema}.journal_lease WHERE expires > now()`,
    );
    return new Set(rows.map((row) => Number(row.owner.split(':')[1])));
  }
}

/** Why the journal fails `exo journal check`, if it does. */
async function journalProblem(url: string): Promise<string | undefined> {
  try {
    await checkPgJournal(url);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

async function sql<T extends pg.QueryResultRow>(text: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return (await client.query<T>(text)).rows;
  } finally {
    await client.end();
  }
}
