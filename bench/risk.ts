import { VirtualClock } from '../src/core/clock.js';
import type { ChildOrderRequest, Venue } from '../src/venues/venue.js';
import { interleaved } from './interleaved.js';
import { NullVenue } from './null-venue.js';
import { type BenchResult, cpuNsPerOp, median } from './report.js';
import { riskChildPath } from './risk-child-path.js';
import { buyChildren, checkedVenue, RESTING, restSells } from './risk-children.js';
import { riskIntake } from './risk-intake.js';

const CHILDREN = 100_000;
const ROUNDS = 5;
/** Unmeasured rounds of each side first, so that the measured ones run on optimised code. */
const WARMUP_ROUNDS = 2;
/** Virtual time between two children: 500 a second, far under every rate of allRulesOn. */
const STEP_MS = 2;
/** The goal for the checks of one child. */
const GOAL_NS_PER_CHILD = 2_000;

/**
 * `npm run bench -- risk`: what the limits cost, every rule on (allRulesOn), each figure against
 * the same work with the limits off in the same run, rounds interleaved. The child checks alone:
 * a child through a RiskCheckedVenue against the bare venue under it, in CPU time (the machine is
 * shared), goal ≤ 2 µs a child. A child's whole path through exo (riskChildPath, which says why
 * the hop itself is unaffected). Order intake through a running exo (riskIntake), goal a ratio
 * on/off ≥ 0.95. About 30 s on a quiet machine, 55 on a busy one.
 */
export async function risk(): Promise<BenchResult[]> {
  const requests = buyChildren(CHILDREN);
  // Warm-up rounds as long as the measured ones: after a tenth of one, the JIT was still at work
  // in the first measured round, and a second slow round moved the median by half (2.0 → 3.1 µs).
  for (let i = 0; i < WARMUP_ROUNDS; i++) {
    childRun(true, requests);
    childRun(false, requests);
  }
  const figures = await interleaved(ROUNDS, ['off', 'on'], (side) =>
    childRun(side === 'on', requests),
  );
  const [onNs, offNs] = [median(figures.on), median(figures.off)];
  const checksNs = onNs - offNs;
  return [
    {
      bench: 'risk-child-checks',
      cpu_ns_per_child: checksNs,
      checked_cpu_ns_per_child: onNs,
      bare_venue_cpu_ns_per_child: offNs,
      goal_ns_per_child: GOAL_NS_PER_CHILD,
      goal_met: checksNs <= GOAL_NS_PER_CHILD,
      resting_children: RESTING,
      children: CHILDREN * ROUNDS,
    },
    await riskChildPath(),
    await riskIntake(),
  ];
}

/** CPU nanoseconds per child sent through the venue, the virtual clock moving STEP_MS each. */
function childRun(on: boolean, requests: readonly ChildOrderRequest[]): number {
  const clock = new VirtualClock(0);
  const bare = new NullVenue();
  const venue: Venue = on ? checkedVenue(bare, clock) : bare;
  venue.onReport(() => {});
  restSells(venue);
  const start = process.cpuUsage();
  for (const request of requests) {
    clock.advance(STEP_MS);
    venue.submit(request);
  }
  return cpuNsPerOp(start, requests.length);
}
