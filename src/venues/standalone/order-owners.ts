import { isTerminal } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';

/**
 * Which connection sent each working order of the standalone venue: what cancel-on-disconnect
 * cancels when that connection drops. An order is owned by the connection whose submit reached
 * the venue first (a client re-sending it after a reconnect, or asking its status with the same
 * terms, takes nothing over) and forgotten when a report ends it. A submit that reuses a working
 * order's clOrdId on other terms is refused by the venue, and its rejected report ends the
 * ownership of the working order too: exo never reuses a clOrdId.
 */
export class OrderOwners<Owner> {
  readonly #owners = new Map<string, Owner>();

  /** `owner` sent a submit for `clOrdId`. */
  sent(clOrdId: string, owner: Owner): void {
    if (!this.#owners.has(clOrdId)) this.#owners.set(clOrdId, owner);
  }

  /** A report of the venue: one that ends an order forgets its owner. */
  reported(report: Report): void {
    if (report.clOrdId !== undefined && isTerminal(report.status)) {
      this.#owners.delete(report.clOrdId);
    }
  }

  /** The orders `owner` sent that still work, forgotten: its connection is gone. */
  release(owner: Owner): string[] {
    const owned: string[] = [];
    for (const [clOrdId, of] of this.#owners) {
      if (of !== owner) continue;
      owned.push(clOrdId);
      this.#owners.delete(clOrdId);
    }
    return owned;
  }
}
