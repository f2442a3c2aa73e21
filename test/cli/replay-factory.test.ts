import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { replaySession, SESSION_ORDERS } from './replay-session.js';

/**
 * A user's delegate module as `--factory` loads it: the built-in algorithms, plus `idle`, whose
 * delegate sends nothing and ends its order on a cancel.
 */
const FACTORY = `
export const algos = ['twap', 'peg', 'idle'];
export function createFactory(reference) {
  return {
    create(order, context) {
      if (order.algo !== 'idle') return reference.create(order, context);
      return { action: (update) => update.instructions.some((i) => i.msgType === 'cancel') };
    },
  };
}
`;

describe('exo replay --factory MODULE', () => {
  it("runs the orders on the module's delegates beside the built-ins, the same in a worker", async () => {
    const session = await replaySession(4_000);
    writeFileSync(join(session.dir, 'factory.mjs'), FACTORY);
    const orders = [...SESSION_ORDERS, { ...SESSION_ORDERS[1]!, algo: 'idle' }];
    writeFileSync(join(session.dir, 'orders.json'), JSON.stringify(orders));
    const args = ['rec.exo', '--orders', 'orders.json', '--factory', 'factory.mjs'];
    const alone = await session.run(['replay', ...args, '--report', 'a.html', '--json', 'a.json']);
    expect([alone.status, alone.stderr]).toEqual([0, '']);
    const report = session.report('a.json');
    expect(report.orders.map((o) => o.algo)).toEqual(['twap', 'peg', 'idle']);
    // The built-ins trade as without the module; the module's own delegate never sends a child.
    expect(Number(report.orders[0]!.filled)).toBeGreaterThan(0);
    expect([report.orders[2]!.filled, report.orders[2]!.children]).toEqual(['0', 0]);

    const swept = await session.run([
      'replay',
      ...args,
      '--report',
      'b.html',
      '--json',
      'b.json',
      '--sweep',
      'seed=1',
    ]);
    expect(swept.status).toBe(0);
    expect(session.report('b.seed=1.json').run.fillsSha256).toBe(report.run.fillsSha256);
  }, 60_000);

  it('exits 2 naming the module when it exports no algos, or an order names an algorithm it lacks', async () => {
    const session = await replaySession(2_000);
    writeFileSync(
      join(session.dir, 'bare.mjs'),
      'export function createFactory(r) { return r; }\n',
    );
    const bare = await session.run([
      'replay',
      'rec.exo',
      '--orders',
      'orders.json',
      '--factory',
      'bare.mjs',
      '--report',
      'a.html',
    ]);
    // Named by its absolute path: the flag is resolved once, so every worker imports the same file.
    expect(bare.status).toBe(2);
    expect(bare.stderr).toBe(
      `exo replay: --factory: ${join(session.dir, 'bare.mjs')}: exports no algos (the algorithm names it builds, a non-empty string array) (exo replay --help lists the options)\n`,
    );
    writeFileSync(join(session.dir, 'only-idle.mjs'), FACTORY.replace("'twap', 'peg', ", ''));
    const lacking = await session.run([
      'replay',
      'rec.exo',
      '--orders',
      'orders.json',
      '--factory',
      'only-idle.mjs',
      '--report',
      'a.html',
    ]);
    expect(lacking.status).toBe(2);
    expect(lacking.stderr).toContain('orders[0].algo: unknown algorithm "twap" (known: idle)');
  }, 60_000);
});
