import { describe, expect, it } from 'vitest';
import type { Report } from '../../../src/market/report.js';
import { SentChildren } from '../../../src/venues/remote/sent-children.js';

function report(clOrdId: string, fields: Partial<Report>): Report {
  return { orderId: 'P', clOrdId, status: 'new', transactTime: 0, ...fields };
}

describe('SentChildren', () => {
  it('loses only children the venue took: acknowledged ones cancelled, the others rejected', () => {
    const children = new SentChildren();
    for (const clOrdId of ['P-1', 'P-2', 'P-3']) children.sent(clOrdId, 'P');
    children.taken('P-1');
    children.taken('P-2');
    children.reported(report('P-2', { execType: 'new' }));
    children.reported(report('P-3', { execType: 'trade', status: 'partially_filled' }));
    children.sent('P-4', 'P');

    expect(children.takeLost()).toEqual([
      { clOrdId: 'P-1', parentId: 'P', end: 'rejected' },
      { clOrdId: 'P-2', parentId: 'P', end: 'canceled' },
      { clOrdId: 'P-3', parentId: 'P', end: 'canceled' },
    ]);
    expect(children.size).toBe(1);
    expect(children.takeLost()).toEqual([]);
  });

  it('forgets a child once it ends, but not on the refusal of a request about it', () => {
    const children = new SentChildren();
    for (const clOrdId of ['P-1', 'P-2', 'P-3', 'P-4']) children.sent(clOrdId, 'P');
    children.reported(report('P-1', { execType: 'trade', status: 'filled' }));
    children.reported(report('P-2', { execType: 'cancel_rejected', status: 'rejected' }));
    children.status('P-3', 'P', 'canceled');
    children.forget('P-4');
    children.reported(report('Q-9', { execType: 'new' }));

    expect(children.size).toBe(1);
    expect(children.takeLost()).toEqual([{ clOrdId: 'P-2', parentId: 'P', end: 'canceled' }]);
  });

  it('follows a child the venue says it holds open', () => {
    const children = new SentChildren();
    children.status('R-1', 'R', 'partially_filled');
    expect(children.takeLost()).toEqual([{ clOrdId: 'R-1', parentId: 'R', end: 'canceled' }]);
  });
});
