import { setImmediate as nextTurn } from 'node:timers/promises';
import { VirtualClock } from '../src/core/clock.js';
import { AppliedFills } from '../src/engine/applied-fills.js';
import { JournaledVenue } from '../src/engine/journaled-venue.js';
import { ScriptedMarket } from '../src/feeds/sim/scripted-market.js';
import { SqliteJournal } from '../src/journal/sqlite-journal.js';
import { isTerminal } from '../src/market/ord-status.js';
import { PaperVenue } from '../src/venues/paper/paper-venue.js';
import type { ChildOrderRequest } from '../src/venues/venue.js';
import { interleaved, medianRatio } from './interleaved.js';
import { type BenchResult, cpuNsPerOp, median } from './report.js';
import { buyChildren, checkedVenue, QUOTE, restSells } from './risk-children.js';

const CHILDREN = 3_000;
const ROUNDS = 11;
/** Children sent in one turn, as a busy engine's orders do; they share the journal's commits. */
const BATCH = 50;
/**
 * Virtual time a turn: a batch takes three or four turns, so about 1,500 children a second, under
 * the rates of allRulesOn (a delay would be less work in the turn, not the checks' cost).
 */
const TURN_MS = 10;

/**
 * What the limits add to a child's path through exo, as a user sees it: the hop itself (a quote
 * into an order's process, its delegate acting) never passes the checks, since they sit in the
 * venue the engine hands delegates, not in the container; a hop costs the same with limits on or
 * off until its delegate sends or replaces a child. So this measures that child: wired as the
 * engine wires it (the journaled venue, behind it the checks when on, then the paper venue on an
 * in-memory journal and a virtual clock), from submit until its last report has come back
 * through the journal: CPU per child, on against off in the same run, and the ratio.
 */
export async function riskChildPath(): Promise<BenchResult> {
  const requests = buyChildren(CHILDREN);
  await childPath(false, requests);
  await childPath(true, requests);
  const figures = await interleaved(ROUNDS, ['off', 'on'], (side) =>
    childPath(side === 'on', requests),
  );
  const [onNs, offNs] = [median(figures.on), median(figures.off)];
  return {
    bench: 'risk-child-path',
    limits_on_cpu_ns_per_child: onNs,
    limits_off_cpu_ns_per_child: offNs,
    ratio_on_off: medianRatio(figures.on, figures.off),
    children: CHILDREN * ROUNDS,
  };
}

/**
 * CPU nanoseconds of this process per child, from submit to its last report, BATCH children a
 * turn: CPU, not wall time, since the run waits on nothing and the machine is shared.
 */
async function childPath(on: boolean, requests: readonly ChildOrderRequest[]): Promise<number> {
  const clock = new VirtualClock(0);
  const market = new ScriptedMarket();
  market.publishQuote(QUOTE);
  const paper = new PaperVenue({ market, clock, latencyMs: 0 });
  const journal = SqliteJournal.inMemory({ clock });
  let number = 0;
  const venue = new JournaledVenue({
    venue: on ? checkedVenue(paper, clock) : paper,
    journal,
    clock,
    fills: new AppliedFills(),
    nextNumber: () => ++number,
  });
  let finished = 0;
  venue.onReport((report) => {
    if (isTerminal(report.status)) finished++;
  });
  venue.reconciled();
  restSells(venue);
  const start = process.cpuUsage();
  let sent = 0;
  while (sent < requests.length) {
    const end = Math.min(requests.length, sent + BATCH);
    for (; sent < end; sent++) venue.submit(requests[sent]!);
    // The journal commits at the end of a turn; the paper venue answers when the clock moves.
    while (finished < sent) {
      await nextTurn();
      clock.advance(TURN_MS);
    }
  }
  const ns = cpuNsPerOp(start, requests.length);
  await venue.close();
  await journal.close();
  return ns;
}
