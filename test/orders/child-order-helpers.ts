import { decimal } from '../../src/market/decimal.js';
import type { ExecType } from '../../src/market/exec-type.js';
import type { OrdStatus } from '../../src/market/ord-status.js';
import type { Report } from '../../src/market/report.js';
import { ChildOrder } from '../../src/orders/child-order.js';

export const PARENT = 'P1';
export const CL_ORD_ID = 'P1-1';

/** A buy child for 10 at 100, just sent. */
export function newChild(quantity = '10'): ChildOrder {
  return new ChildOrder(
    {
      clOrdId: CL_ORD_ID,
      parentId: PARENT,
      symbol: 'BTC-USD',
      side: 'buy',
      quantity: decimal(quantity),
      limitPrice: decimal('100'),
      timeInForce: 'gtc',
    },
    1,
  );
}

/** A report of this exec type for the child (status is what a venue would say; the child ignores it). */
export function report(execType: ExecType, extra: Partial<Report> = {}): Report {
  return {
    orderId: PARENT,
    clOrdId: CL_ORD_ID,
    execType,
    status: 'new',
    transactTime: 2,
    ...extra,
  };
}

/** A fill report. */
export function fill(execId: string, qty: string, px = '100'): Report {
  return report('trade', {
    execId,
    lastQty: decimal(qty),
    lastPx: decimal(px),
    status: 'partially_filled',
  });
}

/** A child driven by legal steps into `state`. */
export function childIn(state: OrdStatus): ChildOrder {
  const child = newChild();
  const ack = () => child.apply(report('new'));
  switch (state) {
    case 'pending_new':
      break;
    case 'new':
      ack();
      break;
    case 'partially_filled':
      ack();
      child.apply(fill('setup-1', '4'));
      break;
    case 'filled':
      ack();
      child.apply(fill('setup-1', '10'));
      break;
    case 'pending_cancel':
      ack();
      child.requestCancel(2);
      break;
    case 'pending_replace':
      ack();
      child.requestReplace({ quantity: decimal('12') }, 2);
      break;
    case 'canceled':
      ack();
      child.apply(report('canceled'));
      break;
    case 'expired':
      ack();
      child.apply(report('expired'));
      break;
    case 'rejected':
      child.apply(report('rejected', { text: 'no' }));
      break;
  }
  return child;
}
