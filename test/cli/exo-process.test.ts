import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exo, logLines, placeOrder, tempDir, urlOf } from './run-exo.js';

describe('the exo process', () => {
  it('prints the dashboard URL and a curl example, and on SIGTERM stops cleanly with exit 0', async () => {
    const running = exo(['--port', '0', '--tick-rate', '200', '--latency', '1'], {
      EXO_LOG_LEVEL: 'info',
    });
    const url = await urlOf(running);
    expect(running.stderr()).toContain(`curl -s -X POST ${url}/v1/orders`);
    await placeOrder(url, {
      side: 'buy',
      symbol: 'BTC-USD',
      quantity: '1',
      algo: 'twap',
      params: { durationMs: 600_000, slices: 100 },
    });
    const health = (await (await fetch(`${url}/healthz`)).json()) as { liveOrders: number };
    expect(health.liveOrders).toBe(1);

    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    const logs = logLines(running);
    expect(logs.find((l) => l.msg === 'exo stopping')).toMatchObject({
      signal: 'SIGTERM',
      liveOrders: 1,
    });
    expect(logs.find((l) => l.msg === 'exo stopped')).toMatchObject({ cleanedUp: 1 });
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('on SIGTERM while it recovers stops cleanly with exit 0 and says so, without waiting for the venue', async () => {
    // A 20 s venue round trip: recovery's first venue query is still out when the signal comes.
    const running = exo(['--port', '0', '--latency', '20000'], { EXO_LOG_LEVEL: 'info' });
    await expect
      .poll(() => running.stdout(), { timeout: 15_000 })
      .toContain('"msg":"exo recovering"');
    const signalled = Date.now();
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(10_000);
    const logs = logLines(running);
    expect(logs.find((l) => l.msg === 'exo stopping')).toMatchObject({
      signal: 'SIGTERM',
      phase: 'recovery',
    });
    expect(logs.some((l) => l.msg === 'exo stopped')).toBe(true);
    expect(logs.some((l) => l.msg === 'recovery completed')).toBe(false);
  });

  it('refuses to listen beyond loopback without a token: exit 2, one line, no stack, no journal', async () => {
    const journal = join(tempDir(), 'state', 'journal.db');
    const refused = exo(['--host', '0.0.0.0', '--port', '0'], { EXO_JOURNAL: journal });
    expect(await refused.exited).toBe(2);
    expect(refused.stderr()).toMatch(/^exo: --host \(EXO_HOST\): refusing .*EXO_TOKEN.*\n$/);
    expect(refused.stdout()).toBe('');
    expect(existsSync(dirname(journal))).toBe(false);
  });

  it('never logs the token it was given', async () => {
    const secret = 'do-not-print-me-42';
    const running = exo(['--port', '0', '--log-level', 'debug'], { EXO_TOKEN: secret });
    const url = await urlOf(running);
    await fetch(`${url}/v1/orders`, { headers: { authorization: `Bearer ${secret}` } });
    await fetch(`${url}/v1/orders`, { headers: { authorization: 'Bearer wrong' } });
    running.child.kill('SIGINT');
    expect(await running.exited).toBe(0);
    expect(running.stdout()).toContain('request completed');
    expect(running.stdout() + running.stderr()).not.toContain(secret);
  });

  it('answers --help with the options and exit 0, and a bad flag with exit 2', async () => {
    const help = exo(['--help']);
    expect(await help.exited).toBe(0);
    for (const word of ['--port', 'EXO_PORT', '--token', 'EXO_TOKEN', '--feed', '--tick-rate']) {
      expect(help.stdout()).toContain(word);
    }
    const bad = exo(['--port', '-1']);
    expect(await bad.exited).toBe(2);
    expect(bad.stderr()).toMatch(/^exo: --port \(EXO_PORT\): expected a whole number [^\n]*\n$/);
  });
});
