import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journalKeys, TRADING_ROW_ID } from '../../src/journal/journal-records.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
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
    await killed(first.process);
    // The halt's row, as `Engine.halt` writes it before it takes effect (no HTTP route yet).
    const journal = SqliteJournal.open(path);
    await journal.append({
      orderId: TRADING_ROW_ID,
      kind: 'trading_state_changed',
      idempotencyKey: journalKeys.tradingState(Date.now()),
      body: { scope: 'global', state: 'halted', by: 'cli', reason: 'kill test' },
    });
    await journal.close();

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
