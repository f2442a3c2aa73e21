import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalKind } from '../../src/journal/journal-kind.js';
import type { JournalRow, JsonValue } from '../../src/journal/journal-row.js';
import type { SnapshotInfo } from '../../src/journal/journal-snapshot.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { entry, nextTurn, useTempDir } from './helpers.js';

/** A stand-in for an order's state: how many rows it had and the sum of their values. */
interface Tally {
  readonly rows: number;
  readonly sum: number;
}

type Command =
  | { op: 'append'; orderId: string; kind: JournalKind; value: number; key: string }
  | { op: 'turn' }
  | { op: 'snapshot'; chunkSize: number };

const command: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant('append' as const),
      orderId: fc.constantFrom('o1', 'o2', 'o3', 'o4', 'o5'),
      kind: fc.constantFrom<JournalKind>('instruction_accepted', 'fill', 'order_completed'),
      value: fc.integer({ min: -100, max: 100 }),
      key: fc.oneof(fc.uuid(), fc.constantFrom('dup-1', 'dup-2')),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('turn' as const) }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('snapshot' as const),
      chunkSize: fc.integer({ min: 1, max: 3 }),
    }),
  },
);

/** Applies one row to the live orders, as recovery would: a completion removes the order. */
function apply(live: Map<string, Tally>, orderId: string, kind: string, value: number): void {
  if (kind === 'order_completed') {
    live.delete(orderId);
    return;
  }
  const tally = live.get(orderId) ?? { rows: 0, sum: 0 };
  live.set(orderId, { rows: tally.rows + 1, sum: tally.sum + value });
}

function replay(start: Map<string, Tally>, rows: Iterable<JournalRow>): Map<string, Tally> {
  const live = new Map(start);
  for (const row of rows) {
    apply(live, row.orderId, row.kind, (row.body as { value: number }).value);
  }
  return live;
}

function sorted(live: Map<string, Tally>): Array<[string, Tally]> {
  return [...live].sort(([a], [b]) => a.localeCompare(b));
}

describe('snapshots', () => {
  const _tempDir = useTempDir();

  it('latest snapshot + the rows after it equals a full replay, for random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { maxLength: 60, size: 'max' }), async (commands) => {
        const journal = SqliteJournal.open(':memory:');
        const model = new Map<string, Tally>();
        const keys = new Set<string>();
        const snapshots: Promise<SnapshotInfo>[] = [];
        for (const cmd of commands) {
          if (cmd.op === 'append') {
            void journal.append(entry(cmd.orderId, cmd.kind, { value: cmd.value }, cmd.key));
            if (!keys.has(cmd.key)) apply(model, cmd.orderId, cmd.kind, cmd.value);
            keys.add(cmd.key);
          } else if (cmd.op === 'turn') {
            await nextTurn();
          } else {
            const orders = [...model].map(([orderId, tally]) => ({ orderId, body: tally }));
            snapshots.push(journal.writeSnapshot(orders, { chunkSize: cmd.chunkSize }));
          }
        }
        await Promise.all(snapshots);
        await journal.committed();

        const full = replay(new Map(), journal.readFrom(1));
        const snapshot = journal.latestSnapshot();
        const start = new Map(
          (snapshot?.orders ?? []).map((o): [string, Tally] => [o.orderId, toTally(o.body)]),
        );
        const recovered = replay(start, journal.readFrom((snapshot?.coversSequence ?? 0) + 1));
        expect(sorted(full)).toEqual(sorted(model));
        expect(sorted(recovered)).toEqual(sorted(full));
        await journal.close();
      }),
      { numRuns: 150 },
    );
  });
});

function toTally(body: JsonValue): Tally {
  const { rows, sum } = body as { rows: number; sum: number };
  return { rows, sum };
}
