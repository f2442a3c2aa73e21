import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { TradingStateError } from '../../src/risk/trading-state-error.js';
import { useTempDir } from '../journal/helpers.js';
import { advance, drive } from '../recovery/helpers.js';
import {
  appOver,
  eventsOf,
  restingPeg,
  type Started,
  start,
  stop,
  until,
  untilResting,
  workingChildren,
} from './helpers.js';

const tempDir = useTempDir();
let running: { clock: VirtualClock; started: Started } | undefined;

async function engineNow(): Promise<{ clock: VirtualClock; path: string } & Started> {
  const clock = new VirtualClock(1_700_000_000_000);
  const path = join(tempDir(), 'journal.db');
  const started = await start(path, clock);
  running = { clock, started };
  return { clock, path, ...started };
}

afterEach(async () => {
  if (running === undefined) return;
  const { clock, started } = running;
  running = undefined;
  await stop(clock, started.engine);
  expect(started.errors).toEqual([]);
});

describe('a halt', () => {
  it('cancels every working child through the journal, reports when the venue confirmed each, and the parents keep working', async () => {
    const { clock, engine, events } = await engineNow();
    const ids = [
      await restingPeg(engine, 'BTC-USD'),
      await restingPeg(engine, 'BTC-USD'),
      await restingPeg(engine, 'ETH-USD'),
    ];
    await untilResting(clock, engine, ids);
    const children = ids.flatMap((id) => workingChildren(engine, id).map((c) => c.clOrdId));
    expect(children).toHaveLength(ids.length);

    const change = await drive(clock, engine.halt({ by: 'http', reason: 'desk says stop' }));
    expect(change).toMatchObject({
      scope: 'global',
      state: 'halted',
      by: 'http',
      reason: 'desk says stop',
    });
    expect(
      engine
        .tradingStatus()
        .awaitingCancel.map((c) => c.clOrdId)
        .sort(),
    ).toEqual([...children].sort());
    expect(engine.tradingStatus().confirmedAt).toBeUndefined();

    await until(clock, () => engine.tradingStatus().awaitingCancel.length === 0);
    const status = engine.tradingStatus();
    expect(status.global).toBe('halted');
    expect(status.symbols['ETH-USD']).toEqual({ own: 'active', effective: 'halted' });
    expect(status.confirmedAt).toBeGreaterThanOrEqual(change.time);
    const [confirmed] = eventsOf(events, 'halt_confirmed');
    expect(confirmed).toMatchObject({
      scope: 'global',
      children: children.length,
      ended: { canceled: children.length, filled: 0, rejected: 0, expired: 0 },
      haltedAt: change.time,
      confirmedAt: status.confirmedAt,
    });
    expect(eventsOf(events, 'trading_state')).toEqual([{ type: 'trading_state', ...change }]);
    for (const id of ids) expect(engine.store.get(id)!.status).not.toMatch(/canceled|rejected/);

    // Quotes keep coming: no child goes out while halted.
    const sent = ids.map((id) => engine.store.get(id)!.children.length);
    await advance(clock, 1_000);
    expect(ids.map((id) => engine.store.get(id)!.children.length)).toEqual(sent);

    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_trading_state{scope="global"} 2');
    expect(metrics).toContain('exo_trading_state_changes_total{state="halted"} 1');

    await drive(clock, engine.resume({ by: 'cli' }));
    await untilResting(clock, engine, ids);
    expect(engine.tradingStatus().global).toBe('active');
  });

  it('journals the change before its cancels, each cancel as a child cancel of its parent', async () => {
    const { clock, engine, path } = await engineNow();
    const id = await restingPeg(engine, 'BTC-USD');
    await untilResting(clock, engine, [id]);
    const [child] = workingChildren(engine, id);
    await drive(clock, engine.halt({ symbol: 'BTC-USD', by: 'dashboard' }));
    await until(clock, () => engine.tradingStatus().awaitingCancel.length === 0);
    await stop(clock, engine);
    running = undefined;
    const journal = SqliteJournal.open(path);
    const rows = [...journal.readFrom(0)];
    await journal.close();
    const change = rows.findIndex((row) => row.kind === 'trading_state_changed');
    const cancel = rows.findIndex((row) => row.kind === 'child_cancel');
    expect(rows[change]).toMatchObject({
      orderId: '~trading',
      body: { scope: 'symbol', symbol: 'BTC-USD', state: 'halted', by: 'dashboard' },
    });
    expect(rows[cancel]).toMatchObject({ orderId: id, body: { clOrdId: child!.clOrdId } });
    expect(change).toBeLessThan(cancel);
  });

  it('refuses new parents with trading_halted (409 naming scope and state), a replace up too; a replace down and a cancel pass', async () => {
    const { clock, engine } = await engineNow();
    const app = await appOver(engine);
    const id = await restingPeg(engine, 'BTC-USD');
    await untilResting(clock, engine, [id]);
    await drive(clock, engine.halt({ by: 'http' }));
    const order = { side: 'buy', symbol: 'ETH-USD', quantity: '1', algo: 'take' };
    const refused = await app.inject({ method: 'POST', url: '/v1/orders', body: order });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toEqual({
      error: 'trading_halted',
      scope: 'global',
      state: 'halted',
      message: 'halted: ETH-USD is halted (global): no new orders',
    });
    expect(() =>
      engine.intake.prepareNew({
        ...order,
        side: 'buy',
        quantity: engine.store.get(id)!.quantity,
        params: {},
      }),
    ).toThrow(TradingStateError);
    const patch = (quantity: string) =>
      app.inject({ method: 'PATCH', url: `/v1/orders/${id}`, body: { quantity } });
    const up = await drive(clock, patch('2'));
    expect(up.statusCode).toBe(409);
    expect(up.json()).toMatchObject({ error: 'trading_halted', scope: 'global' });
    expect((await drive(clock, patch('0.5'))).statusCode).toBeLessThan(300);
    const cancel = await drive(clock, app.inject({ method: 'DELETE', url: `/v1/orders/${id}` }));
    expect(cancel.statusCode).toBeLessThan(300);
    await until(clock, () => engine.store.get(id)!.status === 'canceled');
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_risk_refusals_total{rule="halted"} 3');
    await app.close();
  });

  it('of one symbol cancels only its children and refuses only its orders; the others trade on', async () => {
    const { clock, engine, events } = await engineNow();
    const btc = await restingPeg(engine, 'BTC-USD');
    const eth = await restingPeg(engine, 'ETH-USD');
    await untilResting(clock, engine, [btc, eth]);
    const [ethChild] = workingChildren(engine, eth);
    const [btcChild] = workingChildren(engine, btc);
    await drive(clock, engine.halt({ symbol: 'ETH-USD', by: 'http' }));
    await until(clock, () => eventsOf(events, 'halt_confirmed').length === 1);
    expect(eventsOf(events, 'halt_confirmed')[0]).toMatchObject({
      scope: 'symbol',
      symbol: 'ETH-USD',
      children: 1,
    });
    expect(
      engine.store.get(eth)!.children.find((c) => c.clOrdId === ethChild!.clOrdId)?.status,
    ).toBe('canceled');
    expect(workingChildren(engine, btc).map((c) => c.clOrdId)).toEqual([btcChild!.clOrdId]);
    await expect(restingPeg(engine, 'ETH-USD')).rejects.toMatchObject({
      code: 'trading_halted',
      scope: { scope: 'symbol', symbol: 'ETH-USD' },
    });
    expect(await restingPeg(engine, 'BTC-USD')).toMatch(/./);
    const metrics = await engine.metrics.registry.metrics();
    expect(metrics).toContain('exo_trading_state{scope="ETH-USD"} 2');
    expect(metrics).toContain('exo_trading_state{scope="global"} 0');
  });

  it('refuses an unknown symbol, state or author before writing anything', async () => {
    const { engine } = await engineNow();
    await expect(engine.halt({ symbol: 'DOGE-USD', by: 'http' })).rejects.toThrow(
      'symbol: unknown symbol "DOGE-USD" (known: BTC-USD, ETH-USD)',
    );
    await expect(
      engine.setTradingState({ state: 'paused' as 'halted', by: 'http' }),
    ).rejects.toMatchObject({ code: 'invalid_instruction' });
    await expect(engine.halt({ by: 'someone' as 'http' })).rejects.toThrow(/^by: expected/);
    expect(engine.tradingStatus().global).toBe('active');
  });
});
