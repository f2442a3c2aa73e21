import { describe, expect, it } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import type { OrdStatus } from '../../../src/market/ord-status.js';
import { rebuildMissed } from '../../../src/venues/remote/catch-up-fallback.js';
import type { SequencedFill } from '../../../src/venues/sequence-cursor.js';
import type { VenueOrderStatus } from '../../../src/venues/venue-queries.js';

function fill(venueSeq: number, clOrdId: string, qty = '1'): SequencedFill {
  return {
    venueSeq,
    cursor: String(venueSeq),
    execId: `x${venueSeq}`,
    clOrdId,
    parentId: clOrdId.split('-')[0]!,
    venueOrderId: `o-${clOrdId}`,
    symbol: 'ETH-USD',
    side: 'buy',
    qty: decimal(qty),
    px: decimal('3500'),
    time: venueSeq,
  };
}

function status(clOrdId: string, ordStatus: OrdStatus, cumQty = '0'): VenueOrderStatus {
  return {
    clOrdId,
    parentId: clOrdId.split('-')[0]!,
    venueOrderId: `o-${clOrdId}`,
    symbol: 'ETH-USD',
    side: 'buy',
    quantity: decimal('2'),
    limitPrice: decimal('3500'),
    timeInForce: 'gtc',
    status: ordStatus,
    cumQty: decimal(cumQty),
    leavesQty: decimal(ordStatus === 'new' || ordStatus === 'partially_filled' ? '1' : '0'),
    ...(ordStatus === 'canceled' ? { text: 'canceled on request' } : {}),
  };
}

/** A venue answering from fixed fills, two to a page, and fixed statuses; counts the asks. */
function venueOf(fills: SequencedFill[], statuses: VenueOrderStatus[]) {
  const asked: string[] = [];
  return {
    asked,
    queries: {
      async fillsSince(cursor: string) {
        asked.push(`fills ${cursor}`);
        const after = fills.filter((f) => f.venueSeq > Number(cursor)).slice(0, 2);
        // A full page names its last fill; the rest name the venue's head, as a paper venue does.
        return { fills: after, cursor: after.length === 2 ? after[1]!.cursor : '200' };
      },
      async orderStatus(clOrdId: string) {
        asked.push(`status ${clOrdId}`);
        return statuses.find((s) => s.clOrdId === clOrdId);
      },
    },
  };
}

const children = ['A-1', 'A-2', 'A-3', 'A-4', 'A-5'].map((clOrdId) => ({ clOrdId, parentId: 'A' }));

describe('rebuildMissed', () => {
  it('rebuilds the fills of followed children with their sequences, and the ends of finished ones', async () => {
    const { queries, asked } = venueOf(
      [fill(101, 'A-1'), fill(102, 'B-1'), fill(103, 'A-2'), fill(104, 'A-1'), fill(105, 'A-3')],
      [
        status('A-1', 'filled', '2'),
        status('A-2', 'canceled', '1'),
        status('A-3', 'partially_filled', '1'),
        status('A-4', 'rejected'),
      ],
    );
    const { fills, ends } = await rebuildMissed(queries, 100, children, () => 7);

    expect(asked.slice(0, 5)).toEqual(children.map((c) => `status ${c.clOrdId}`));
    expect(asked.slice(5)).toEqual(['fills 100', 'fills 102', 'fills 104', 'fills 200']);
    expect(fills.map((f) => [f.venueSeq, f.report.clOrdId, f.report.status])).toEqual([
      [101, 'A-1', 'partially_filled'],
      [103, 'A-2', 'partially_filled'],
      [104, 'A-1', 'filled'],
      [105, 'A-3', 'partially_filled'],
    ]);
    expect(fills[0]!.report).toMatchObject({
      orderId: 'A',
      execId: 'x101',
      execType: 'trade',
      venueOrderId: 'o-A-1',
      transactTime: 101,
    });
    expect(fills[0]!.report.lastQty!.eq(1)).toBe(true);
    expect(fills[0]!.report.lastPx!.eq(3500)).toBe(true);
    expect(ends.map((e) => [e.clOrdId, e.execType, e.status, e.text, e.transactTime])).toEqual([
      ['A-2', 'canceled', 'canceled', 'canceled on request', 7],
      ['A-4', 'rejected', 'rejected', undefined, 7],
    ]);
    expect(ends[0]!.cumQty!.eq(1)).toBe(true);
  });

  it('ends a filled child whose fills the venue forgot with its status alone', async () => {
    const { queries } = venueOf([], [status('A-1', 'filled', '2')]);
    const { fills, ends } = await rebuildMissed(queries, 100, children.slice(0, 1), () => 7);
    expect(fills).toEqual([]);
    expect(ends.map((e) => [e.clOrdId, e.execType, e.status])).toEqual([
      ['A-1', 'status', 'filled'],
    ]);
  });
});
