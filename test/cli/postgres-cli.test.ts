import { describe, expect, it } from 'vitest';
import { pgReachable, usePgSchemas } from '../journal/backends.js';
import { exo, placeOrder, urlOf } from './run-exo.js';

const freshUrl = usePgSchemas();

describe.skipIf(!pgReachable)('exo --journal postgres://…', () => {
  it('journals to PostgreSQL under a lease, shown in /metrics; check, export and a restart read it back', async () => {
    // Trust authentication ignores the password; it is there to prove it is never shown.
    const withSecret = new URL(freshUrl().url);
    withSecret.password = 'cli-secret';
    const journal = withSecret.href;
    const first = exo(['--port', '0', '--journal', journal, '--log-level', 'warn']);
    const url = await urlOf(first);
    expect(first.stderr()).toMatch(
      /exo: journal postgres:\/\/\S+ \(PostgreSQL, shard 0 leased at epoch 1\)/,
    );
    const orderId = await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '0.01',
      algo: 'take',
    });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(metrics).toContain('exo_journal_lease_epoch{shard="0"} 1');
    expect(metrics).toMatch(/^exo_journal_lease_headroom_seconds\{shard="0"\} [0-9.]+$/m);
    expect(metrics).toContain('exo_journal_fenced_appends_total{shard="0"} 0');

    // A second exo on the same journal is refused while the first holds the lease.
    const second = exo(['--port', '0', '--journal', journal]);
    expect(await second.exited).toBe(2);
    expect(second.stderr()).toMatch(/shard 0 is leased by \S+ for \d+ ms more/);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);

    const checked = exo(['journal', 'check', journal]);
    expect(await checked.exited).toBe(0);
    const report = JSON.parse(checked.stdout()) as { rows: number; orders: number };
    expect(report.rows).toBeGreaterThan(1);
    expect(report.orders).toBe(1);
    const exported = exo(['journal', 'export', journal]);
    expect(await exported.exited).toBe(0);
    const rows = exported
      .stdout()
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(rows).toHaveLength(report.rows);
    expect(rows.some((row) => row.orderId === orderId)).toBe(true);

    // The lease was released at the graceful stop: a restart takes it at once, one epoch later.
    const restarted = exo(['--port', '0', '--journal', journal, '--log-level', 'warn']);
    const again = await urlOf(restarted);
    expect(restarted.stderr()).toContain('leased at epoch 2');
    const order = (await (await fetch(`${again}/v1/orders/${orderId}`)).json()) as {
      orderId: string;
    };
    expect(order.orderId).toBe(orderId);
    restarted.child.kill('SIGTERM');
    expect(await restarted.exited).toBe(0);
    const shown = [first, second, checked, exported, restarted].map((p) => p.stdout() + p.stderr());
    expect(shown.join('\n') + metrics).not.toContain('cli-secret');
    expect(first.stderr()).toContain(`postgres://${withSecret.username}:***@`);
  }, 60_000);
});
