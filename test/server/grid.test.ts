import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { InstructionError } from '../../src/core/errors.js';
import type { Engine } from '../../src/engine/engine.js';
import { createSimulatedEngine } from '../../src/engine/simulated-engine.js';
import { SqliteJournal } from '../../src/journal/sqlite-journal.js';
import { decimal } from '../../src/market/decimal.js';
import { orderBody, testApp } from './app-helpers.js';

/** SOL-USD trades in lots of 0.01 at ticks of 0.01; BTC-USD's grids are not known. */
const SOL = { tickSize: decimal('0.01'), lotSize: decimal('0.01') };

let app: FastifyInstance;
let engine: Engine;

beforeEach(async () => {
  ({ app, engine } = await testApp({
    parts: { instruments: (symbol) => (symbol === 'SOL-USD' ? SOL : undefined) },
  }));
});

afterEach(async () => {
  await app.close();
  await engine.stop();
});

function post(overrides: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: '/v1/orders',
    body: orderBody({ symbol: 'SOL-USD', quantity: '1', ...overrides }),
  });
}

function patch(orderId: string, body: Record<string, unknown>) {
  return app.inject({ method: 'PATCH', url: `/v1/orders/${orderId}`, body });
}

describe('intake keeps orders on the instrument grid', () => {
  it.each([
    [{ quantity: '0.001' }, ['quantity', '0.001', 'SOL-USD', 'lot size 0.01', 'minimum 0.01']],
    [{ quantity: '1.005' }, ['quantity', '1.005', 'lot size 0.01']],
    [{ limitPrice: '100.001' }, ['limitPrice', '100.001', 'SOL-USD', 'tick size 0.01']],
  ])('refuses a new order with %j: 422 naming the field, value and grid', async (terms, named) => {
    const response = await post(terms);
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('invalid_instruction');
    for (const part of named) expect(response.json().message).toContain(part);
    expect(engine.store.list()).toEqual([]);
    expect(engine.dispatcher.size).toBe(0);
  });

  it('accepts terms on the grid, and any terms for a symbol whose grid is not known', async () => {
    expect((await post({ quantity: '0.01', limitPrice: '100.01' })).statusCode).toBe(201);
    const unknownGrid = await post({ symbol: 'BTC-USD', quantity: '0.001', limitPrice: '1.001' });
    expect(unknownGrid.statusCode).toBe(201);
  });

  it('refuses an off-grid replace with 422, and the order works on, on its old terms', async () => {
    const placed = await post({ quantity: '2', limitPrice: '100' });
    const { orderId } = placed.json();

    const offLot = await patch(orderId, { quantity: '1.001' });
    expect(offLot.statusCode).toBe(422);
    expect(offLot.json()).toMatchObject({ error: 'invalid_instruction' });
    expect(offLot.json().message).toContain('quantity: 1.001');
    expect(offLot.json().message).toContain('lot size 0.01');
    const offTick = await patch(orderId, { limitPrice: '100.005' });
    expect(offTick.statusCode).toBe(422);
    expect(offTick.json().message).toContain('limitPrice: 100.005');

    const order = (await app.inject({ method: 'GET', url: `/v1/orders/${orderId}` })).json();
    expect(order).toMatchObject({ status: 'new', quantity: '2', limitPrice: '100' });
    expect(engine.dispatcher.order(orderId)?.quantity.toFixed()).toBe('2');
    // Still working: a replace on the grid is taken.
    expect((await patch(orderId, { quantity: '3' })).statusCode).toBe(202);
    expect(engine.dispatcher.order(orderId)?.quantity.toFixed()).toBe('3');
  });
});

describe("the simulated engine's intake", () => {
  it.each([
    ['SOL-USD', '0.001', 'lot size 0.01'],
    ['BTC-USD', '0.00001', 'lot size 0.0001'],
  ])('refuses %s quantity %s off the market grid (%s)', async (symbol, quantity, grid) => {
    const clock = new VirtualClock(0);
    const simulated = createSimulatedEngine({
      clock,
      tickRate: 1,
      latencyMs: 1,
      seed: 1,
      journal: SqliteJournal.inMemory({ clock }),
    });
    simulated.ready();
    const request = {
      side: 'buy',
      symbol,
      quantity: decimal(quantity),
      algo: 'take',
      params: {},
    } as const;
    try {
      expect(() => simulated.intake.prepareNew(request)).toThrow(InstructionError);
      expect(() => simulated.intake.prepareNew(request)).toThrow(`quantity: ${quantity}`);
      expect(() => simulated.intake.prepareNew(request)).toThrow(grid);
    } finally {
      await simulated.stop();
    }
  });
});
