import type { Decimal } from '../market/decimal.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { ChildTerms } from './child-checks.js';

/** A child exo has sent (or is about to send) and the venue has not ended: its latest terms. */
export interface WorkingChild extends ChildTerms {
  readonly clOrdId: string;
  readonly parentId: string;
  /** Its latest status from the venue, for the status a refused replace reports. */
  readonly status: OrdStatus;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The children working at one venue, as the risk checks count them: added when a submit passes,
 * amended when a replace passes, ended by the first terminal report. Counts per parent and per
 * symbol, and the resting children a new one would cross (self-trade).
 */
export class WorkingChildren {
  readonly #children = new Map<string, Mutable<WorkingChild>>();
  readonly #bySymbol = new Map<string, Set<Mutable<WorkingChild>>>();
  readonly #perParent = new Map<string, number>();

  /** The working child of that clOrdId, if any. */
  get(clOrdId: string): WorkingChild | undefined {
    return this.#children.get(clOrdId);
  }

  /** How many children of `parentId` are working. */
  ofParent(parentId: string): number {
    return this.#perParent.get(parentId) ?? 0;
  }

  /** How many children on `symbol` are working. */
  ofSymbol(symbol: string): number {
    return this.#bySymbol.get(symbol)?.size ?? 0;
  }

  /**
   * A resting child (one with a limit) on the other side of `symbol` that a child of `side` at
   * `limitPrice` would trade with: a buy at or above a working sell's limit, a sell at or below a
   * working buy's; a market child crosses any. `except` is the child itself, on a replace.
   */
  crossed(
    symbol: string,
    side: Side,
    limitPrice: Decimal | undefined,
    except?: string,
  ): WorkingChild | undefined {
    const children = this.#bySymbol.get(symbol);
    if (children === undefined) return undefined;
    for (const child of children) {
      if (child.side === side || child.limitPrice === undefined || child.clOrdId === except)
        continue;
      if (limitPrice === undefined) return child;
      if (side === 'buy' ? limitPrice.gte(child.limitPrice) : limitPrice.lte(child.limitPrice)) {
        return child;
      }
    }
    return undefined;
  }

  /** Starts counting a child that passed. */
  add(child: WorkingChild): void {
    const entry = { ...child };
    this.#children.set(child.clOrdId, entry);
    let children = this.#bySymbol.get(child.symbol);
    if (children === undefined) {
      children = new Set();
      this.#bySymbol.set(child.symbol, children);
    }
    children.add(entry);
    this.#perParent.set(child.parentId, this.ofParent(child.parentId) + 1);
  }

  /** Takes a replace that passed: the child's terms are the new ones from now on. */
  amend(clOrdId: string, quantity: Decimal | undefined, limitPrice: Decimal | undefined): void {
    const child = this.#children.get(clOrdId);
    if (child === undefined) return;
    if (quantity !== undefined) child.quantity = quantity;
    if (limitPrice !== undefined) child.limitPrice = limitPrice;
  }

  /** Follows a venue report: a terminal status ends the child; others update its status. */
  onReport(report: Report): void {
    const child = this.#children.get(report.clOrdId ?? report.orderId);
    if (child === undefined) return;
    if (isTerminal(report.status)) {
      this.#children.delete(child.clOrdId);
      this.#bySymbol.get(child.symbol)?.delete(child);
      const left = this.ofParent(child.parentId) - 1;
      if (left > 0) this.#perParent.set(child.parentId, left);
      else this.#perParent.delete(child.parentId);
    } else if (report.execType !== 'cancel_rejected' && report.execType !== 'replace_rejected') {
      child.status = report.status;
    }
  }
}
