import { isTerminal, type OrdStatus } from '../../market/ord-status.js';
import type { Report } from '../../market/report.js';
import type { FollowedChild } from './catch-up-fallback.js';

/** A child sent to the venue and not seen to end. */
interface SentChild {
  readonly parentId: string;
  /** The venue took it: it confirmed the submit, reported on it or answered a status for it. */
  atVenue: boolean;
  /** The venue has reported on it, so exo holds it acknowledged rather than pending new. */
  acknowledged: boolean;
}

/** A child the venue lost, with how exo must hear of its end. */
export interface LostChild {
  readonly clOrdId: string;
  readonly parentId: string;
  /** `canceled` for a child the venue had acknowledged, `rejected` for one it never had. */
  readonly end: 'canceled' | 'rejected';
}

/**
 * The children a remote venue holds for this client, by clOrdId: what to report ended when the
 * venue turns out to have restarted and lost its book. Holds only children not seen to end, so it
 * grows with the working children, not with history.
 */
export class SentChildren {
  readonly #children = new Map<string, SentChild>();

  /** A child request on its way to the venue. */
  sent(clOrdId: string, parentId: string): void {
    if (!this.#children.has(clOrdId)) {
      this.#children.set(clOrdId, { parentId, atVenue: false, acknowledged: false });
    }
  }

  /** The venue confirmed that it received the child's submit. */
  taken(clOrdId: string): void {
    const child = this.#children.get(clOrdId);
    if (child !== undefined) child.atVenue = true;
  }

  /**
   * A report from the venue. A refusal of a cancel or replace leaves the child working whatever
   * status it names (the venue says `rejected` of a request about an order it does not know).
   */
  reported(report: Report): void {
    const clOrdId = report.clOrdId ?? report.orderId;
    const child = this.#children.get(clOrdId);
    if (child === undefined) return;
    const refusal = report.execType === 'cancel_rejected' || report.execType === 'replace_rejected';
    if (isTerminal(report.status) && !refusal) {
      this.#children.delete(clOrdId);
      return;
    }
    child.atVenue = true;
    child.acknowledged = true;
  }

  /**
   * The venue's answer about a child: one it holds open is followed from here on (such as a child
   * recovery adopted after exo restarted), one it finished is forgotten.
   */
  status(clOrdId: string, parentId: string, status: OrdStatus): void {
    if (isTerminal(status)) {
      this.#children.delete(clOrdId);
      return;
    }
    this.#children.set(clOrdId, { parentId, atVenue: true, acknowledged: true });
  }

  /** The child ended without a word from the venue, such as a submit it could not read. */
  forget(clOrdId: string): void {
    this.#children.delete(clOrdId);
  }

  /**
   * Removes and returns the children the venue had taken: all lost when it restarted. Children it
   * had not taken stay, their submits still to be sent to the new run.
   */
  takeLost(): LostChild[] {
    const lost: LostChild[] = [];
    for (const [clOrdId, child] of this.#children) {
      if (!child.atVenue) continue;
      this.#children.delete(clOrdId);
      lost.push({
        clOrdId,
        parentId: child.parentId,
        end: child.acknowledged ? 'canceled' : 'rejected',
      });
    }
    return lost;
  }

  /** Whether the child is followed: sent and not seen to end. */
  has(clOrdId: string): boolean {
    return this.#children.has(clOrdId);
  }

  /** Every child followed, oldest first. */
  list(): FollowedChild[] {
    return Array.from(this.#children, ([clOrdId, { parentId }]) => ({ clOrdId, parentId }));
  }

  /** How many children are followed. */
  get size(): number {
    return this.#children.size;
  }
}
