import type { OrderEvent } from '../orders/order-event.js';
import type { ParentView } from '../orders/parent-view.js';
import type { UnknownChild } from './venue-status.js';

/**
 * The children whose pending request's outcome is unknown now, followed from the order events:
 * every child event carries the child as it stands, a restored order its children, and a done
 * order has none left. What `/metrics` shows as `exo_children_unknown`,
 * and `GET /v1/venue` and the dashboard list.
 */
export class UnknownChildren {
  /** The unknown children's client IDs, by parent. */
  readonly #byParent = new Map<string, Set<string>>();
  #count = 0;

  /** How many children are unknown now. */
  get count(): number {
    return this.#count;
  }

  /** The unknown children now, by parent: what `GET /v1/venue` lists. */
  list(): UnknownChild[] {
    const list: UnknownChild[] = [];
    for (const [orderId, children] of this.#byParent) {
      for (const clOrdId of children) list.push({ orderId, clOrdId });
    }
    return list;
  }

  /** Follows one order event. */
  note(event: OrderEvent, order: ParentView): void {
    if ('child' in event) {
      this.#set(event.orderId, event.child.clOrdId, event.child.unknown === true);
    } else if (event.kind === 'restored') {
      for (const child of order.snapshot().children) {
        this.#set(event.orderId, child.clOrdId, child.unknown === true);
      }
    } else if (event.kind === 'done') {
      this.#count -= this.#byParent.get(event.orderId)?.size ?? 0;
      this.#byParent.delete(event.orderId);
    }
  }

  #set(orderId: string, clOrdId: string, unknown: boolean): void {
    let children = this.#byParent.get(orderId);
    if (!unknown) {
      if (children?.delete(clOrdId) === true) this.#count--;
      if (children?.size === 0) this.#byParent.delete(orderId);
      return;
    }
    if (children === undefined) {
      children = new Set();
      this.#byParent.set(orderId, children);
    }
    if (!children.has(clOrdId)) {
      children.add(clOrdId);
      this.#count++;
    }
  }
}
