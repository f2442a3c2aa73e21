import type { ExecType } from '../market/exec-type.js';
import type { Report } from '../market/report.js';
import { ChildOrder } from './child-order.js';
import type { FillRecord } from './order-snapshot.js';
import type { ChildRestore } from './parent-restore.js';

/**
 * A saved child that its own state machine cannot reach: its status disagrees with its fills or
 * requests. Names the child and both statuses, so a corrupt snapshot is found, not trusted.
 */
export class ChildRestoreError extends Error {
  override readonly name = 'ChildRestoreError';

  constructor(
    readonly clOrdId: string,
    readonly expected: string,
    readonly reached: string,
  ) {
    super(`child ${clOrdId}: saved as ${expected}, its history leads to ${reached}`);
  }
}

/**
 * Brings a ChildOrder back to a saved state by walking it through its own transition table:
 * created, acknowledged, its refused requests, its fills, then its pending request or its end.
 * No private state is poked: a saved state the table cannot reach is refused (ChildRestoreError).
 */
export function restoreChild(saved: ChildRestore, fills: readonly FillRecord[]): ChildOrder {
  const child = new ChildOrder(saved.request, saved.createdAt, saved.clientIds);
  const at = saved.updatedAt;
  const { status } = saved;
  if (status === 'pending_new') return checked(unknownAgain(child, saved), saved);
  if (status === 'rejected') {
    child.apply(lifecycle(saved, 'rejected'));
    return checked(child, saved);
  }
  child.apply(lifecycle(saved, 'new'));
  for (let n = 0; n < saved.cancelRejections; n++) {
    child.requestCancel(at);
    child.apply(lifecycle(saved, 'cancel_rejected'));
  }
  for (let n = 0; n < saved.replaceRejections; n++) {
    child.requestReplace({}, at);
    child.apply(lifecycle(saved, 'replace_rejected'));
  }
  for (const fill of fills) child.apply(fillReport(saved, fill));
  if (status === 'pending_cancel') child.requestCancel(at);
  else if (status === 'pending_replace') child.requestReplace(saved.replaceTo ?? {}, at);
  else if (status === 'canceled' || status === 'expired') child.apply(lifecycle(saved, status));
  return checked(unknownAgain(child, saved), saved);
}

/** A child whose pending request's outcome was unknown when saved is unknown again. */
function unknownAgain(child: ChildOrder, saved: ChildRestore): ChildOrder {
  if (saved.unknown === true) child.apply(lifecycle(saved, 'unknown'));
  return child;
}

function lifecycle(saved: ChildRestore, execType: ExecType): Report {
  const { request } = saved;
  return {
    orderId: request.parentId,
    clOrdId: request.clOrdId,
    execType,
    status: saved.status,
    transactTime: saved.updatedAt,
    ...(saved.venueOrderId === undefined ? {} : { venueOrderId: saved.venueOrderId }),
    ...(saved.text === undefined ? {} : { text: saved.text }),
  };
}

function fillReport(saved: ChildRestore, fill: FillRecord): Report {
  return {
    orderId: saved.request.parentId,
    clOrdId: saved.request.clOrdId,
    execType: 'trade',
    status: saved.status,
    execId: fill.execId,
    lastQty: fill.qty,
    lastPx: fill.px,
    transactTime: fill.time,
    ...(fill.synthetic === true ? { synthetic: true } : {}),
  };
}

function checked(child: ChildOrder, saved: ChildRestore): ChildOrder {
  if (child.status !== saved.status) {
    throw new ChildRestoreError(saved.request.clOrdId, saved.status, child.status);
  }
  return child;
}

/** The fills of each child, by clOrdId, each list in the order booked. */
export function fillsByClOrdId(fills: readonly FillRecord[]): Map<string, FillRecord[]> {
  const byChild = new Map<string, FillRecord[]>();
  for (const fill of fills) {
    const list = byChild.get(fill.clOrdId);
    if (list === undefined) byChild.set(fill.clOrdId, [fill]);
    else list.push(fill);
  }
  return byChild;
}
