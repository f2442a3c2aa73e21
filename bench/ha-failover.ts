import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { describe, figures, type Kill, results } from './failover-figures.js';
import { fillJournal, startTwaps } from './failover-fill.js';
import { roles, Slot } from './failover-pair.js';
import {
  type BenchProcess,
  ensureBuilt,
  freePorts,
  kill9,
  printed,
  startExo,
  untilHealthy,
} from './failover-process.js';
import type { BenchResult } from './report.js';

/** The lease's time to live: the figure (overridable, for a machine too loaded for it). */
const TTL_MS = Number(process.env.EXO_BENCH_FAILOVER_TTL_MS ?? 1_000);
const KILLS = Number(process.env.EXO_BENCH_FAILOVER_KILLS ?? 20);
const ROWS = Number(process.env.EXO_BENCH_FAILOVER_ROWS ?? 100_000);
/** Filling stops here even short of ROWS (the figures then say how many rows there were). */
const FILL_BUDGET_MS = 180_000;
/** Hour-long TWAPs left working: live orders for every takeover to reconcile. */
const LIVE_TWAPS = 8;
/** How long an owner serves before its kill: a random moment in this range, in ms. */
const SERVE_MS = { min: 300, max: 2_000 } as const;
const PG_URL = process.env.EXO_BENCH_PG_URL ?? 'postgres://root@127.0.0.1:5432/test';
const SCHEMA = `bench_failover_${process.pid}`;
const STEP_TIMEOUT_MS = 60_000;
/** How long the first owner may take to serve, restarts after fencing itself included. */
const FIRST_START_MS = 120_000;
/** How often `/healthz` is polled after a kill: the failover's resolution. */
const POLL_MS = 10;

/**
 * Failover of the single-shard `exo --standby` pair on a PostgreSQL journal (lease 1 s) against a
 * standalone venue: the journal is filled with ~100k rows of real orders through HTTP (and left
 * with live TWAPs), then an owner serves and a standby waits; the owner is killed with SIGKILL at
 * a random moment, and the time from the kill to the standby answering `/healthz` 200 is timed,
 * split into the lease wait (kill → lease acquired) and the takeover (acquired → serving, from
 * the standby's `takeover:` line). The killed one restarts as the next standby, 20 times.
 */
export async function haFailover(): Promise<BenchResult[]> {
  const admin = new pg.Client({ connectionString: PG_URL });
  try {
    await admin.connect();
  } catch (error) {
    console.error(`ha-failover: PostgreSQL unreachable at ${PG_URL}: ${String(error)}`);
    return [{ bench: 'ha-failover', skipped: 'PostgreSQL unreachable' }];
  }
  const slots: Slot[] = [];
  const logs = mkdtempSync(join(tmpdir(), 'exo-bench-failover-'));
  let keepLogs = false;
  const loadBefore = loadavg()[0]!;
  try {
    ensureBuilt();
    const [venuePort, ...ports] = await freePorts(3);
    const venue = startExo(['venue', '--port', String(venuePort), '--latency', '1']);
    const venueUrl = (await printed(venue, /listening on (ws:\/\/\S+)/, STEP_TIMEOUT_MS))[1]!;
    const journal = `${PG_URL}?schema=${SCHEMA}&lease_ms=${TTL_MS}`;
    // Snapshots above the journal's size: each takeover replays every row, the worst case of the
    // default (100,000 rows between snapshots).
    const trader = (port: number): BenchProcess =>
      startExo(
        [
          ...['--port', String(port), '--journal', journal, '--venue', venueUrl],
          ...['--no-risk-limits', '--log-level', 'info', '--standby'],
        ],
        { EXO_SNAPSHOT_EVERY: String(ROWS * 10) },
        join(logs, `exo-${port}.log`),
      );
    const rows = async (): Promise<number> =>
      Number((await admin.query(`SELECT count(*) AS n FROM ${SCHEMA}.journal`)).rows[0].n);
    try {
      slots.push(new Slot(ports[0]!, trader));
      const first = await untilHealthy(slots[0]!.url, FIRST_START_MS).catch(() => undefined);
      if (first === undefined) {
        keepLogs = true;
        return [
          {
            bench: 'ha-failover',
            aborted: `no first owner served within ${FIRST_START_MS / 1000} s: ${slots[0]!.selfExits} starts fenced themselves (a start stalled past 0.8·TTL); output kept in ${logs}`,
            ttl_ms: TTL_MS,
            load_1m_before: loadBefore,
            load_1m_after: loadavg()[0]!,
          },
        ];
      }
      const filled = await fillJournal(slots[0]!.url, rows, ROWS, FILL_BUDGET_MS);
      await startTwaps(slots[0]!.url, LIVE_TWAPS);
      console.error(
        `ha-failover: ${filled.rows} rows from ${filled.orders} orders in ${Math.round(filled.ms / 1000)} s`,
      );
      slots.push(new Slot(ports[1]!, trader));
      const kills: Kill[] = [];
      let aborted: string | undefined;
      for (let k = 0; k < KILLS; k++) {
        const [owner, standby] = await roles(slots[0]!, slots[1]!, STEP_TIMEOUT_MS);
        await sleep(SERVE_MS.min + Math.random() * (SERVE_MS.max - SERVE_MS.min));
        const exitsBefore = standby.selfExits;
        const killedAt = Date.now();
        const killed = performance.now();
        owner.kill();
        const serving = await untilHealthy(standby.url, STEP_TIMEOUT_MS, POLL_MS).catch(
          () => undefined,
        );
        const fencedStarts = standby.selfExits - exitsBefore;
        if (serving === undefined) {
          aborted = `kill ${k + 1}: no takeover within ${STEP_TIMEOUT_MS / 1000} s, ${fencedStarts} starts fenced themselves (a start stalled past 0.8·TTL)`;
          console.error(`ha-failover: ${aborted}; output kept in ${logs}`);
          keepLogs = true;
          break;
        }
        kills.push(await figures(standby.process, serving - killed, killedAt, fencedStarts));
        console.error(`ha-failover: kill ${k + 1}/${KILLS}: ${describe(kills.at(-1)!)}`);
        await owner.restart();
      }
      const selfExits = slots.reduce((sum, slot) => sum + slot.selfExits, 0);
      const endRows = await rows();
      return results(kills, { ttlMs: TTL_MS, filled, endRows, loadBefore, selfExits, aborted });
    } catch (error) {
      for (const slot of slots) {
        const logged = slot.process.lines.slice(-12).map((line) => line.msg);
        console.error(
          `ha-failover: port ${slot.port} (${slot.selfExits} exits of its own) printed:\n${slot.process.text().slice(-600)}\nlogged: ${logged.join(' | ')}`,
        );
      }
      console.error(`ha-failover: every exo's output is kept in ${logs}`);
      keepLogs = true;
      throw error;
    } finally {
      await Promise.all(slots.map((slot) => slot.close()));
      await kill9(venue);
    }
  } finally {
    if (!keepLogs) rmSync(logs, { recursive: true, force: true });
    await admin.query(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    await admin.end();
  }
}
