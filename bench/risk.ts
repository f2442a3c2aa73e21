import { VirtualClock } from '../src/core/clock.js';
import type { Delegate } from '../src/core/delegate.js';
import { OrderProcess, type ProcessOwner } from '../src/core/order-process.js';
import { newStats } from '../src/core/stats.js';
import { decimal } from '../src/market/decimal.js';
import type { Order } from '../src/market/order.js';
import { Quote } from '../src/market/quote.js';
import { Positions } from '../src/risk/positions.js';
import { RiskCheckedVenue } from '../src/risk/risk-checked-venue.js';
import type { RiskLimits } from '../src/risk/risk-limits.js';
import type { ChildOrderRequest, Venue } from '../src/venues/venue.js';
import { NullVenue } from './null-venue.js';
import { type BenchResult, median, nsPerOp } from './report.js';
import { riskIntake } from './risk-intake.js';
import { ALL_RULES_ON, CHILD_RULES_ON } from './risk-limits-on.js';

const CHILDREN = 200_000;
const HOPS = 200_000;
const ROUNDS = 5;
/** Resting sells on the other side, so the self-trade check has children to look through. */
const RESTING = 20;
/** Virtual time between two children: 500 a second, far under every rate of ALL_RULES_ON. */
const STEP_MS = 2;

const QUOTE = Quote.of({
  symbol: 'BTC-USD',
  bidPx: decimal('100'),
  bidQty: decimal('1'),
  askPx: decimal('101'),
  askQty: decimal('1'),
});

/**
 * `npm run bench -- risk`: what the child checks cost with every rule on (the exposure rules too,
 * against a position held). Per child through a RiskCheckedVenue against the bare venue under it
 * (the same requests, the same run), with every rule and with the child rules alone, so the
 * exposure rules' share is the difference; an order process hop whose delegate sends a child per
 * quote, checked against not; and order intake on an engine with the limits on against off (see
 * riskIntake). Goals: ≤ 2 µs per child, intake ratio on/off ≥ 0.95.
 */
export async function risk(): Promise<BenchResult[]> {
  const requests = buyChildren(CHILDREN);
  const on: number[] = [];
  const childRulesOn: number[] = [];
  const off: number[] = [];
  childRun(ALL_RULES_ON, requests.slice(0, 20_000));
  childRun(undefined, requests.slice(0, 20_000));
  for (let round = 0; round < ROUNDS; round++) {
    off.push(childRun(undefined, requests));
    on.push(childRun(ALL_RULES_ON, requests));
    childRulesOn.push(childRun(CHILD_RULES_ON, requests));
  }
  const hopOn: number[] = [];
  const hopOff: number[] = [];
  await hopRun(undefined, requests, HOPS / 10);
  await hopRun(ALL_RULES_ON, requests, HOPS / 10);
  for (let round = 0; round < ROUNDS; round++) {
    hopOff.push(await hopRun(undefined, requests, HOPS));
    hopOn.push(await hopRun(ALL_RULES_ON, requests, HOPS));
  }
  const [onNs, offNs, hopOnNs, hopOffNs] = [median(on), median(off), median(hopOn), median(hopOff)];
  const childRulesNs = median(childRulesOn);
  return [
    {
      bench: 'risk-child-checks',
      ns_per_child: onNs - offNs,
      child_rules_ns_per_child: childRulesNs - offNs,
      exposure_rules_ns_per_child: onNs - childRulesNs,
      checked_ns_per_child: onNs,
      bare_venue_ns_per_child: offNs,
      goal_ns_per_child: 2_000,
      resting_children: RESTING,
      children: CHILDREN * ROUNDS,
    },
    {
      bench: 'risk-hop',
      limits_on_ns_per_op: hopOnNs,
      limits_off_ns_per_op: hopOffNs,
      ratio_on_off: hopOnNs / hopOffNs,
      ops: HOPS * ROUNDS,
    },
    await riskIntake(),
  ];
}

/** IOC buys of one unit-ish on BTC-USD, no two alike within the duplicate window. */
function buyChildren(count: number): ChildOrderRequest[] {
  return Array.from({ length: count }, (_, i) => ({
    clOrdId: `P${i % 100}-${i}`,
    parentId: `P${i % 100}`,
    symbol: 'BTC-USD',
    side: 'buy' as const,
    quantity: decimal(`${1 + (i % 1000) / 1000}`),
    limitPrice: decimal(`${(101 - (i % 50) / 100).toFixed(2)}`),
    timeInForce: 'ioc' as const,
  }));
}

/**
 * The venue a run sends through: the one checked under `limits` over a null venue (with resting
 * sells), or the null one without limits.
 */
function venueFor(limits: RiskLimits | undefined, clock: VirtualClock): Venue {
  const inner = new NullVenue();
  if (limits === undefined) {
    inner.onReport(() => {});
    return inner;
  }
  let refused = 0;
  // exo holds some of the symbol, so the exposure rules price a position as well as the children.
  const positions = new Positions();
  positions.fill('BTC-USD', 'buy', decimal('3'), decimal('100'), clock.now());
  const mid = QUOTE.bidPx.plus(QUOTE.askPx).div(2);
  const venue = new RiskCheckedVenue({
    venue: inner,
    limits,
    clock,
    quote: () => QUOTE,
    tickSize: () => decimal('0.01'),
    exposure: {
      position: (symbol) => positions.of(symbol, clock.now()),
      reference: () => mid,
      symbols: () => positions.symbols(),
      lossBreach: () => undefined,
    },
    onRefusal: (refusal) => {
      if (refused++ === 0)
        throw new Error(`the benchmark's children must pass: ${refusal.message}`);
    },
  });
  venue.onReport(() => {});
  for (let i = 0; i < RESTING; i++) {
    const price = decimal(`${110 + i}`);
    const sell = {
      clOrdId: `S${i}-1`,
      parentId: `S${i}`,
      symbol: 'BTC-USD',
      side: 'sell' as const,
    };
    venue.submit({ ...sell, quantity: decimal('1'), limitPrice: price, timeInForce: 'day' });
  }
  return venue;
}

/** Nanoseconds per child sent through the venue, the virtual clock moving STEP_MS each. */
function childRun(limits: RiskLimits | undefined, requests: readonly ChildOrderRequest[]): number {
  const clock = new VirtualClock(0);
  const venue = venueFor(limits, clock);
  const start = process.hrtime.bigint();
  for (const request of requests) {
    clock.advance(STEP_MS);
    venue.submit(request);
  }
  return nsPerOp(start, requests.length);
}

/** The hop bench's round trip, with the delegate sending one child per quote through the venue. */
async function hopRun(
  limits: RiskLimits | undefined,
  requests: readonly ChildOrderRequest[],
  ops: number,
): Promise<number> {
  const clock = new VirtualClock(0);
  const venue = venueFor(limits, clock);
  let ack: () => void = () => {};
  let next = 0;
  const delegate: Delegate<Order> = {
    action: () => {
      clock.advance(STEP_MS);
      venue.submit(requests[next++ % requests.length]!);
      ack();
      return false;
    },
  };
  const owner: ProcessOwner<Order> = {
    clock,
    stats: newStats(),
    completed: () => {},
    checkpoint: () => {},
    failed: () => {},
  };
  const order: Order = { orderId: 'hop', side: 'buy', symbol: 'BTC-USD', msgType: 'new' };
  const orderProcess = new OrderProcess(order, { create: () => delegate }, owner);
  await new Promise<void>((resolve) => setImmediate(resolve));
  const push = (resolve: () => void): void => {
    ack = resolve;
    orderProcess.quote(QUOTE);
  };
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) await new Promise<void>(push);
  return nsPerOp(start, ops);
}
