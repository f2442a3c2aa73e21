import { setTimeout as sleep } from 'node:timers/promises';
import type { SeededRandom } from '../../src/feeds/sim/seeded-random.js';
import { type Answer, call, callUntilAnswered } from './client.js';
import { type ClientRecord, type OrderWire, TERMINAL } from './invariants.js';

const SYMBOLS = ['BTC-USD', 'ETH-USD', 'SOL-USD'] as const;
const QUANTITIES = { 'BTC-USD': '0.002', 'ETH-USD': '0.03', 'SOL-USD': '0.5' } as const;

/** Sends one random instruction (retried until answered) and records what exo acknowledged. */
export async function instructOnce(
  base: string,
  random: SeededRandom,
  records: Map<string, ClientRecord>,
  key: string,
  deadline: number,
): Promise<void> {
  const live = [...records.values()].filter((r) => !r.cancelAcked && !r.busy);
  const roll = random.next();
  if (live.length === 0 || roll < 0.45) {
    const symbol = SYMBOLS[random.integer(0, SYMBOLS.length - 1)]!;
    const algo = (['take', 'twap', 'peg'] as const)[random.integer(0, 2)]!;
    const body = {
      side: random.chance(0.5) ? 'buy' : 'sell',
      symbol,
      quantity: QUANTITIES[symbol],
      algo,
      ...(algo === 'twap' ? { params: { durationMs: random.integer(300, 1500), slices: 3 } } : {}),
    };
    const answer = await callUntilAnswered(base, 'POST', '/v1/orders', body, key, deadline);
    if (answer.status === 201) {
      const orderId = (answer.body as OrderWire).orderId;
      if (!records.has(orderId)) {
        records.set(orderId, {
          orderId,
          quantity: body.quantity,
          replaces: [],
          cancelAcked: false,
          busy: false,
        });
      }
    }
    return;
  }
  const record = live[random.integer(0, live.length - 1)]!;
  record.busy = true;
  try {
    if (roll < 0.75) {
      // Replaces only grow the order: shrinking one below what a child in flight fills is a
      // trading race (the fill is real and the order ends over its new size), not a crash fault.
      const quantity = scale(record.quantity, record.replaces.length + 2);
      const answer = await callUntilAnswered(
        base,
        'PATCH',
        `/v1/orders/${record.orderId}`,
        { quantity },
        key,
        deadline,
      );
      if (answer.status === 202) record.replaces.push(quantity);
    } else {
      const answer: Answer = await callUntilAnswered(
        base,
        'DELETE',
        `/v1/orders/${record.orderId}`,
        undefined,
        key,
        deadline,
      );
      if (answer.status === 202) record.cancelAcked = true;
    }
  } finally {
    record.busy = false;
  }
}

/** Cancels every order still working, so the trial ends with every parent terminal. */
export async function cancelEverythingLive(
  base: string,
  records: Map<string, ClientRecord>,
  deadline: number,
): Promise<void> {
  for (const record of records.values()) {
    const answer = await callUntilAnswered(
      base,
      'GET',
      `/v1/orders/${record.orderId}`,
      undefined,
      undefined,
      deadline,
    );
    const order = answer.body as OrderWire;
    if (answer.status === 200 && !TERMINAL.has(order.status) && order.status !== 'pending_cancel') {
      await callUntilAnswered(
        base,
        'DELETE',
        `/v1/orders/${record.orderId}`,
        undefined,
        `final-${record.orderId}`,
        deadline,
      );
    }
  }
}

/** Polls until every order the client knows is terminal; returns their final states. */
export async function waitUntilAllTerminal(
  base: string,
  records: Map<string, ClientRecord>,
  deadline: number,
): Promise<Map<string, OrderWire | undefined>> {
  for (;;) {
    const orders = new Map<string, OrderWire | undefined>();
    let working = 0;
    for (const record of records.values()) {
      const answer = await call(base, 'GET', `/v1/orders/${record.orderId}`).catch(() => undefined);
      const order = answer?.status === 200 ? (answer.body as OrderWire) : undefined;
      orders.set(record.orderId, order);
      if (order === undefined || !TERMINAL.has(order.status)) working++;
    }
    if (working === 0 || Date.now() > deadline) return orders;
    await sleep(100);
  }
}

/** `quantity` times `factor`, exactly, with as many decimals as `quantity` has. */
function scale(quantity: string, factor: number): string {
  const [whole, fraction = ''] = quantity.split('.');
  const digits = fraction.length;
  const units = BigInt(`${whole}${fraction}`) * BigInt(factor);
  const text = units.toString().padStart(digits + 1, '0');
  return digits === 0 ? text : `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
