import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ConflatingQueue } from '../../src/core/conflating-queue.js';

interface Item {
  readonly key: number;
  readonly value: number;
}

type Command = { kind: 'push'; item: Item } | { kind: 'pop' };

const commands = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('push' as const),
      item: fc.record({ key: fc.integer({ min: 0, max: 20 }), value: fc.integer() }),
    }),
    fc.record({ kind: fc.constant('pop' as const) }),
  ),
  { maxLength: 400 },
);

/** The obvious model: a list of [key, value] in first-arrival order, searched linearly. */
function runModel(cmds: Command[], merge: (a: number, b: number) => number) {
  const entries: Array<[number, number]> = [];
  const popped: Array<Item | undefined> = [];
  for (const cmd of cmds) {
    if (cmd.kind === 'push') {
      const at = entries.findIndex(([key]) => key === cmd.item.key);
      if (at >= 0) entries[at]![1] = merge(entries[at]![1], cmd.item.value);
      else entries.push([cmd.item.key, cmd.item.value]);
    } else {
      const head = entries.shift();
      popped.push(head === undefined ? undefined : { key: head[0], value: head[1] });
    }
  }
  return { popped, size: entries.length };
}

function runQueue(cmds: Command[], merge?: (a: Item, b: Item) => Item) {
  const queue = new ConflatingQueue<number, Item>({ key: (item) => item.key, merge });
  const popped: Array<Item | undefined> = [];
  for (const cmd of cmds) {
    if (cmd.kind === 'push') queue.push(cmd.item);
    else popped.push(queue.pop());
  }
  return { popped, size: queue.size };
}

describe('ConflatingQueue', () => {
  it('matches the model with replace: latest value, first-arrival position', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        expect(runQueue(cmds)).toEqual(runModel(cmds, (_, b) => b));
      }),
      { numRuns: 500 },
    );
  });

  it('matches the model with a merge function (sum): nothing pushed is lost', () => {
    fc.assert(
      fc.property(commands, (cmds) => {
        const merged = runQueue(cmds, (a, b) => ({ key: a.key, value: a.value + b.value }));
        expect(merged).toEqual(runModel(cmds, (a, b) => a + b));
      }),
      { numRuns: 500 },
    );
  });

  it('stays correct across ring growth and slot sweeps with many keys', () => {
    const queue = new ConflatingQueue<string, Item>({ key: (item) => String(item.key) });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5000; i++) queue.push({ key: i, value: round });
      for (let i = 0; i < 5000; i += 2) queue.push({ key: i, value: round + 10 });
      for (let i = 0; i < 5000; i++) {
        expect(queue.pop()).toEqual({ key: i, value: i % 2 === 0 ? round + 10 : round });
      }
      expect(queue.pop()).toBeUndefined();
    }
  });

  it('calls onNonEmpty once per empty-to-non-empty transition', () => {
    let wakes = 0;
    const queue = new ConflatingQueue<number, Item>({
      key: (item) => item.key,
      onNonEmpty: () => wakes++,
    });
    queue.push({ key: 1, value: 1 });
    queue.push({ key: 2, value: 1 });
    queue.push({ key: 1, value: 2 });
    expect(wakes).toBe(1);
    queue.pop();
    queue.pop();
    queue.push({ key: 3, value: 1 });
    expect(wakes).toBe(2);
  });

  it('wakes a waiting consumer without polling, and the wait can be aborted', async () => {
    const queue = new ConflatingQueue<number, Item>({ key: (item) => item.key });
    const waiting = queue.whenNonEmpty();
    let woke = false;
    void waiting.then(() => {
      woke = true;
    });
    await Promise.resolve();
    expect(woke).toBe(false);
    queue.push({ key: 1, value: 1 });
    await waiting;
    expect(woke).toBe(true);

    queue.pop();
    const controller = new AbortController();
    const aborted = queue.whenNonEmpty(controller.signal);
    controller.abort(new Error('shutting down'));
    await expect(aborted).rejects.toThrow('shutting down');
  });

  it('drains as an async iterator until its signal aborts', async () => {
    const queue = new ConflatingQueue<number, Item>({ key: (item) => item.key });
    const controller = new AbortController();
    const seen: Item[] = [];
    const consumer = (async () => {
      for await (const item of queue.drain(controller.signal)) seen.push(item);
    })();
    queue.push({ key: 1, value: 1 });
    queue.push({ key: 1, value: 2 });
    queue.push({ key: 2, value: 1 });
    await new Promise((resolve) => setImmediate(resolve));
    queue.push({ key: 1, value: 3 });
    await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await consumer;
    expect(seen).toEqual([
      { key: 1, value: 2 },
      { key: 2, value: 1 },
      { key: 1, value: 3 },
    ]);
  });
});
