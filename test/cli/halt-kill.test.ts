import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type Exo, exo, tempDir, urlOf } from './run-exo.js';

/** A running exo on the journal at `path`, and its URL. */
async function run(path: string): Promise<{ process: Exo; url: string }> {
  const process = exo(['--port', '0', '--tick-rate', '50', '--latency', '1'], {
    EXO_JOURNAL: path,
  });
  return { process, url: await urlOf(process) };
}

async function killed(process: Exo): Promise<void> {
  process.child.kill('SIGKILL');
  await process.exited;
}

function placeTake(url: string): Promise<Response> {
  return fetch(`${url}/v1/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ side: 'buy', symbol: 'BTC-USD', quantity: '0.01', algo: 'take' }),
  });
}

describe('a halt and kill -9', () => {
  it('an exo killed with SIGKILL after a halt was journaled comes back halted, and again after a second kill', async () => {
    const path = join(tempDir(), 'journal.db');
    const first = await run(path);
    expect((await placeTake(first.url)).status).toBe(201);
    // The halt answers once its row is committed: killed right after, exo must come back halted.
    const halt = await fetch(`${first.url}/v1/halt`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'cli', reason: 'kill test' }),
    });
    expect(halt.status).toBe(200);
    await killed(first.process);

    for (let life = 0; life < 2; life++) {
      const again = await run(path);
      const refused = await placeTake(again.url);
      expect(refused.status).toBe(409);
      expect(await refused.json()).toMatchObject({
        error: 'trading_halted',
        scope: 'global',
        state: 'halted',
      });
      const metrics = await (await fetch(`${again.url}/metrics`)).text();
      expect(metrics).toContain('exo_trading_state{scope="global"} 2');
      await killed(again.process);
    }
  });
});
