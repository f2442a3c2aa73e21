import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/orders/order-event.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** Every order event kind: a Record over the union, so tsc fails here when a kind is added. */
const ORDER_EVENT_KINDS: Record<OrderEvent['kind'], true> = {
  accepted: true,
  replaced: true,
  cancel_requested: true,
  restored: true,
  child_sent: true,
  child_acknowledged: true,
  child_replace_sent: true,
  child_replaced: true,
  child_cancel_sent: true,
  child_canceled: true,
  child_rejected: true,
  child_unknown: true,
  fill: true,
  done: true,
  rejected: true,
  error: true,
};

/** The events the stream sends besides order events (event-stream.ts names them). */
const STREAM_EVENTS = [
  'hello',
  'reset',
  'quote',
  'stats',
  'engine_error',
  'recovery.completed',
  'risk_breach',
  'auto_halt.triggered',
  'trading_state',
  'halt_confirmed',
  'orphan_cancelled',
  'venue',
];

/** README.md's "Events" section: from its heading to the next heading. */
function eventsSection(): string {
  const start = README.indexOf('\n#### Events\n');
  expect(start, 'README.md has an "#### Events" section').toBeGreaterThanOrEqual(0);
  const end = README.indexOf('\n#', start + 1);
  return README.slice(start, end);
}

describe('README.md documents the event stream', () => {
  it.each([...Object.keys(ORDER_EVENT_KINDS), ...STREAM_EVENTS])(
    'lists the %s event in its Events table',
    (name) => {
      const rows = eventsSection()
        .split('\n')
        .filter((line) => line.startsWith('| `'));
      const named = rows.flatMap((row) =>
        [...row.split(' | ')[0]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]),
      );
      expect(named).toContain(name);
    },
  );
});
