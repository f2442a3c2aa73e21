import { isDeepStrictEqual } from 'node:util';
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

type BulkCommand =
  | { kind: 'pushRun'; from: number; count: number; value: number }
  | { kind: 'popMany'; count: number }
  | { kind: 'peekRun'; from: number; count: number };

/**
 * Runs of consecutive keys and long pop bursts: a short list leaves more than a thousand keys
 * idle, past the sweep's floor, while others are still queued, and later runs push and peek
 * both swept keys and keys that stayed.
 */
const bulkCommands = fc.array(
  fc.oneof(
    fc.record({
      kind: fc.constant('pushRun' as const),
      from: fc.integer({ min: 0, max: 3000 }),
      count: fc.integer({ min: 200, max: 1500 }),
      value: fc.integer({ min: -1000, max: 1000 }),
    }),
    fc.record({
      kind: fc.constant('popMany' as const),
      count: fc.integer({ min: 200, max: 2000 }),
    }),
    fc.record({
      kind: fc.constant('peekRun' as const),
      from: fc.integer({ min: 0, max: 4000 }),
      count: fc.integer({ min: 1, max: 500 }),
    }),
  ),
  { minLength: 4, maxLength: 30, size: 'max' },
);

/** A Map is the model here: setting an existing key keeps its insertion position. */
function runBulkModel(cmds: BulkCommand[]) {
  const entries = new Map<number, number>();
  const seen: Array<number | Item | undefined> = [];
  for (const cmd of cmds) {
    if (cmd.kind === 'pushRun') {
      for (let key = cmd.from; key < cmd.from + cmd.count; key++) {
        entries.set(key, (entries.get(key) ?? 0) + cmd.value);
      }
    } else if (cmd.kind === 'popMany') {
      for (let i = 0; i < cmd.count; i++) {
        const head = entries.entries().next();
        if (head.done) seen.push(undefined);
        else {
          entries.delete(head.value[0]);
          seen.push({ key: head.value[0], value: head.value[1] });
        }
      }
    } else {
      for (let key = cmd.from; key < cmd.from + cmd.count; key++) seen.push(entries.get(key));
    }
  }
  return { seen, size: entries.size };
}

function runBulkQueue(cmds: BulkCommand[]) {
  const queue = new ConflatingQueue<number, Item>({
    key: (item) => item.key,
    merge: (a, b) => ({ key: a.key, value: a.value + b.value }),
  });
  const seen: Array<number | Item | undefined> = [];
  for (const cmd of cmds) {
    if (cmd.kind === 'pushRun') {
      for (let key = cmd.from; key < cmd.from + cmd.count; key++) {
        queue.push({ key, value: cmd.value });
      }
    } else if (cmd.kind === 'popMany') {
      for (let i = 0; i < cmd.count; i++) seen.push(queue.pop());
    } else {
      for (let key = cmd.from; key < cmd.from + cmd.count; key++) seen.push(queue.peek(key)?.value);
    }
  }
  return { seen, size: queue.size };
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

  it('matches the model across sweeps, with swept and kept keys pushed again and peeked', () => {
    fc.assert(
      // A boolean rather than expect(): shrinking these long runs would otherwise build a large
      // diff per attempt; fast-check still reports the shrunk commands.
      fc.property(bulkCommands, (cmds) =>
        isDeepStrictEqual(runBulkQueue(cmds), runBulkModel(cmds)),
      ),
      { numRuns: 50 },
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
