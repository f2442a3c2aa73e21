import { loadavg } from 'node:os';
import type { Filled } from './failover-fill.js';
import type { BenchProcess, LogLine } from './failover-process.js';
import type { BenchResult } from './report.js';

/** What the goal allows besides the TTL and the reconciliation: p99 ≤ TTL + 0.5 s + reconciliation. */
const GOAL_SLACK_MS = 500;

/** One kill: its figures in ms, and what the new owner's recovery did. */
export interface Kill {
  /** Standby processes that fenced themselves (a start stalled past 0.8·TTL) and were restarted. */
  readonly fencedStarts: number;
  readonly failoverMs: number;
  readonly leaseWaitMs: number;
  readonly takeoverMs: number;
  readonly openMs: number;
  readonly recoveryMs: number;
  readonly rowsReplayed: number;
  readonly liveOrders: number;
}

/** The figures of one kill, from the new owner's log lines and the measured failover. */
export async function figures(
  standby: BenchProcess,
  failoverMs: number,
  killedAt: number,
  fencedStarts: number,
): Promise<Kill> {
  const line = (msg: RegExp): Promise<LogLine | undefined> =>
    standby.waitFor((l) => msg.test(l.msg), 5_000).catch(() => undefined);
  // A standby restarted after fencing itself may have found the lease free: no takeover line.
  const takeover = await line(/^takeover: /);
  const recovering = await line(/^exo recovering$/);
  const recovered = await line(/^recovery completed$/);
  const takeoverMs = Number(takeover?.tookMs ?? Number.NaN);
  // The takeover line is logged once serving, tookMs after the lease was acquired (epoch ms).
  const acquiredAt = (takeover?.time ?? Number.NaN) - takeoverMs;
  return {
    fencedStarts,
    failoverMs,
    leaseWaitMs: acquiredAt - killedAt,
    takeoverMs,
    openMs: (recovering?.time ?? Number.NaN) - acquiredAt,
    recoveryMs: Number(recovered?.durationMs ?? Number.NaN),
    rowsReplayed: Number(recovered?.rowsReplayed ?? Number.NaN),
    liveOrders: Number(recovered?.liveOrders ?? Number.NaN),
  };
}

/** One kill's figures in a line, for the progress shown while the bench runs. */
export function describe(kill: Kill): string {
  return [
    `failover ${Math.round(kill.failoverMs)} ms`,
    `lease wait ${Math.round(kill.leaseWaitMs)} ms`,
    `takeover ${Math.round(kill.takeoverMs)} ms`,
    `(open ${kill.openMs} ms, recovery ${kill.recoveryMs} ms`,
    `${kill.fencedStarts} fenced starts`,
    `${kill.rowsReplayed} rows replayed, ${kill.liveOrders} live orders)`,
  ].join(', ');
}

/**
 * The value at `percent` percent by nearest rank (with 20 kills, p99 is the slowest), over the
 * values known (a takeover without its log line has none); NaN when none is.
 */
function percentile(values: readonly number[], percent: number): number {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** How a run went besides its kills: the fill, the rows at the end, the load, an abort. */
export interface RunFacts {
  readonly ttlMs: number;
  readonly filled: Filled;
  readonly endRows: number;
  readonly loadBefore: number;
  /** Exits of exo processes the bench did not kill (starts that fenced themselves), restarted. */
  readonly selfExits: number;
  readonly aborted: string | undefined;
}

/**
 * The bench's results: the failover figures (p50/p99 by nearest rank) and the goal, p99 ≤ TTL +
 * 0.5 s + reconciliation (recover()'s time: the replay from the latest snapshot and the
 * reconciliation with the venue, p99), in the same run.
 */
export function results(kills: readonly Kill[], run: RunFacts): BenchResult[] {
  const { ttlMs: TTL_MS, filled, endRows, loadBefore, aborted } = run;
  const of = (pick: (kill: Kill) => number, percent: number): number =>
    percentile(kills.map(pick), percent);
  const failoverP99 = of((k) => k.failoverMs, 99);
  const recoveryP99 = of((k) => k.recoveryMs, 99);
  const goal = TTL_MS + GOAL_SLACK_MS + recoveryP99;
  return [
    {
      bench: 'ha-failover',
      kills: kills.length,
      ...(aborted === undefined ? {} : { aborted }),
      ttl_ms: TTL_MS,
      load_1m_before: loadBefore,
      load_1m_after: loadavg()[0]!,
      journal_rows_filled: filled.rows,
      fill_orders: filled.orders,
      fill_refused: filled.refused,
      fill_s: filled.ms / 1000,
      journal_rows_at_end: endRows,
      fenced_starts_in_takeovers: kills.reduce((sum, kill) => sum + kill.fencedStarts, 0),
      self_exits_total: run.selfExits,
      rows_replayed_min: of((k) => k.rowsReplayed, 0),
      rows_replayed_p50: of((k) => k.rowsReplayed, 50),
      live_orders_p50: of((k) => k.liveOrders, 50),
      failover_p50_ms: of((k) => k.failoverMs, 50),
      failover_p99_ms: failoverP99,
      lease_wait_p50_ms: of((k) => k.leaseWaitMs, 50),
      lease_wait_p99_ms: of((k) => k.leaseWaitMs, 99),
      takeover_p50_ms: of((k) => k.takeoverMs, 50),
      takeover_p99_ms: of((k) => k.takeoverMs, 99),
      open_p50_ms: of((k) => k.openMs, 50),
      recovery_p50_ms: of((k) => k.recoveryMs, 50),
      recovery_p99_ms: recoveryP99,
    },
    {
      bench: 'ha-failover-goals',
      failover_p99_ms: failoverP99,
      goal_failover_p99_ms: goal,
      goal: `TTL ${TTL_MS} ms + ${GOAL_SLACK_MS} ms + reconciliation p99 ${recoveryP99} ms`,
      goals_met: aborted === undefined && failoverP99 <= goal,
    },
  ];
}
