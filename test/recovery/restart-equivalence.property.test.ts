import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { ParentSnapshot } from '../../src/orders/order-snapshot.js';
import { ParentState } from '../../src/orders/parent-state.js';
import { OrderHistory } from '../../src/recovery/history.js';
import { rebuildFromJournal } from '../../src/recovery/rebuild.js';
import { recoveredToJSON } from '../../src/recovery/recovered-json.js';
import { RecoveryBook } from '../../src/recovery/recovery-book.js';
import { SnapshotWriter } from '../../src/recovery/snapshot-writer.js';
import { JournaledParent } from './contract-writer.js';

type ReportKind =
  | 'ack'
  | 'fill'
  | 'canceled'
  | 'rejected'
  | 'cancel_rejected'
  | 'replace_rejected'
  | 'replaced'
  | 'expired';

const qty = fc.integer({ min: 1, max: 40 }).map((n) => decimal(String(n)).div(4));
const px = fc.integer({ min: 9_000, max: 11_000 }).map((n) => decimal(String(n)).div(100));

const orderN = fc.nat(3);
const childN = fc.nat(3);
const command = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('replace' as const), order: orderN, q: qty, px }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('cancel' as const), order: orderN }) },
  {
    weight: 4,
    arbitrary: fc.record({ op: fc.constant('send' as const), order: orderN, q: qty, px }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant('replaceChild' as const),
      order: orderN,
      child: childN,
      q: qty,
      px,
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant('cancelChild' as const), order: orderN, child: childN }),
  },
  {
    weight: 14,
    arbitrary: fc.record({
      op: fc.constant('report' as const),
      order: orderN,
      child: childN,
      kind: fc.constantFrom<ReportKind>(
        'ack',
        'ack',
        'fill',
        'fill',
        'fill',
        'canceled',
        'rejected',
        'cancel_rejected',
        'replace_rejected',
        'replaced',
        'expired',
      ),
      exec: fc.nat(4),
      q: qty,
      px,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ op: fc.constant('checkpoint' as const), order: orderN, n: fc.nat(100) }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('complete' as const),
      order: fc.nat(7),
      rejected: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('snapshot' as const) }) },
);

type Command = typeof command extends fc.Arbitrary<infer C> ? C : never;

/** What must survive a restart: everything but the parent's last-updated time. */
function comparable(snapshot: ParentSnapshot): unknown {
  const { updatedAt: _updatedAt, ...rest } = JSON.parse(JSON.stringify(snapshot)) as ParentSnapshot;
  return rest;
}

function reportFor(parent: JournaledParent, clOrdId: string, cmd: Command, time: number): Report {
  if (cmd.op !== 'report') throw new Error('not a report');
  const base = {
    orderId: parent.state.orderId,
    clOrdId,
    transactTime: time,
    status: 'new' as const,
  };
  switch (cmd.kind) {
    case 'ack':
      return { ...base, execType: 'new', venueOrderId: `v-${clOrdId}` };
    case 'fill':
      return {
        ...base,
        execType: 'trade',
        execId: `${clOrdId}-x${cmd.exec}`,
        lastQty: cmd.q,
        lastPx: cmd.px,
      };
    default:
      return { ...base, execType: cmd.kind, text: `${cmd.kind} by venue` };
  }
}

async function run(commands: readonly Command[]): Promise<void> {
  const clock = new VirtualClock(1_000);
  const journal = SqliteJournal.open(':memory:', { clock });
  const writer = new SnapshotWriter({ journal, clock, book: new RecoveryBook() });
  const parents = new Map<number, JournaledParent>();
  const completed = new Set<number>();
  const parentAt = (n: number): JournaledParent | undefined => {
    if (completed.has(n)) return undefined;
    let parent = parents.get(n);
    if (parent === undefined) {
      const order = {
        orderId: `exo-t-${n}`,
        msgType: 'new' as const,
        side: n % 2 === 0 ? ('buy' as const) : ('sell' as const),
        symbol: 'BTC-USD',
        quantity: decimal('5'),
        algo: 'take',
        params: {},
      };
      parent = new JournaledParent(order, journal, clock);
      parents.set(n, parent);
    }
    return parent;
  };
  for (const cmd of commands) {
    clock.advance(1);
    if (cmd.op === 'snapshot') {
      await journal.committed();
      await writer.snapshot();
      continue;
    }
    const parent = parentAt(cmd.order);
    if (parent === undefined) continue;
    const children = parent.state.snapshot().children;
    const childId =
      'child' in cmd ? children[cmd.child % Math.max(1, children.length)]?.clOrdId : undefined;
    switch (cmd.op) {
      case 'replace':
        parent.replace(cmd.q, cmd.px);
        break;
      case 'cancel':
        parent.cancel();
        break;
      case 'send':
        parent.sendChild({ quantity: cmd.q, limitPrice: cmd.px, timeInForce: 'gtc' });
        break;
      case 'replaceChild':
        if (childId !== undefined)
          parent.replaceChild(childId, { quantity: cmd.q, limitPrice: cmd.px });
        break;
      case 'cancelChild':
        if (childId !== undefined) parent.cancelChild(childId);
        break;
      case 'report':
        if (childId !== undefined) parent.report(reportFor(parent, childId, cmd, clock.now()));
        break;
      case 'checkpoint':
        parent.checkpoint({ n: cmd.n });
        break;
      case 'complete':
        if (cmd.rejected) parent.complete('rejected', `halted ${cmd.order}`);
        else parent.complete();
        completed.add(cmd.order);
        break;
    }
  }
  await journal.committed();

  // The process "dies" here: nothing is stopped; only the journal's rows remain.
  const rebuilt = rebuildFromJournal(journal);
  const replayed = new RecoveryBook();
  for (const row of journal.readFrom(1)) replayed.apply(row);

  const live = [...parents].filter(([n]) => !completed.has(n)).map(([, parent]) => parent);
  expect(rebuilt.size).toBe(live.length);
  const byId = (book: RecoveryBook) =>
    book
      .recovered()
      .sort((a, b) => a.parent.order.orderId.localeCompare(b.parent.order.orderId))
      .map(recoveredToJSON);
  expect(byId(rebuilt)).toEqual(byId(replayed));
  // Positions count every fill once, completed orders' too, and a snapshot carries them exactly.
  expect(rebuilt.positions.toJSON()).toEqual(replayed.positions.toJSON());
  const fills = [...parents.values()].flatMap((parent) => {
    const { side, fills } = parent.state.snapshot();
    return fills.map((fill) => ({ side, fill }));
  });
  const net = fills.reduce(
    (sum, { side, fill }) => (side === 'buy' ? sum.plus(fill.qty) : sum.minus(fill.qty)),
    decimal('0'),
  );
  const traded = fills.reduce((sum, { fill }) => sum.plus(fill.qty.times(fill.px)), decimal('0'));
  const position = replayed.positions.of('BTC-USD');
  expect(position.net.toString()).toBe(net.toString());
  expect(position.traded.toString()).toBe(traded.toString());
  for (const parent of live) {
    const replayed = rebuilt.order(parent.state.orderId);
    expect(replayed).toBeDefined();
    // One class lives the order and replays it: the replayed state is the live one, and so is
    // the state restored from what a snapshot saves of it.
    const live = comparable(parent.state.snapshot());
    expect(comparable(replayed!.state.snapshot())).toEqual(live);
    expect(comparable(ParentState.restore(replayed!.recovered().parent).snapshot())).toEqual(live);
  }
  // The order list after a restart: every order, ended ones exactly as they ended.
  const history = new OrderHistory();
  for (const row of journal.readFrom(1)) history.apply(row);
  const shown = new Map(history.take().orders.map((order) => [order.orderId, order]));
  expect(shown.size).toBe(parents.size);
  for (const [n, parent] of parents) {
    const live = parent.state.snapshot();
    const after = shown.get(live.orderId)!;
    if (completed.has(n))
      expect(JSON.parse(JSON.stringify(after))).toEqual(JSON.parse(JSON.stringify(live)));
    else expect(comparable(after)).toEqual(comparable(live));
  }
  await journal.close();
}

describe('restart equivalence', () => {
  it('replaying the journal gives the parents the live states had; snapshot + tail = full replay', async () => {
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 20, maxLength: 150 }), run), {
      numRuns: 100,
    });
  });
});
