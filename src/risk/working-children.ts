import { type Decimal, ZERO } from '../market/decimal.js';
import { isTerminal, type OrdStatus } from '../market/ord-status.js';
import type { Report } from '../market/report.js';
import type { Side } from '../market/side.js';
import type { ChildOrderRequest } from '../venues/venue.js';
import type { ChildTerms } from './child-checks.js';
import { Fixed } from './fixed.js';
import { SymbolMap } from './symbol-map.js';

/** A child exo has sent (or is about to send) and the venue has not ended: its latest terms. */
export interface WorkingChild extends ChildTerms {
  readonly clOrdId: string;
  readonly parentId: string;
  /** Its latest status from the venue, for the status a refused replace reports. */
  readonly status: OrdStatus;
  /** How much of it has filled, as the venue's reports said. */
  readonly cumQty: Decimal;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Entry = Mutable<WorkingChild> & {
  /** Its limit price as Fixed, for the self-trade comparisons. */
  price: Fixed | undefined;
  /** Its symbol's book, which it leaves when it ends. */
  readonly book: SymbolBook;
  /** Its neighbours among its symbol's working children on its side, oldest first. */
  older: Entry | undefined;
  newer: Entry | undefined;
};

/** How many children of a parent work: a counter moved in place, not a count stored again. */
interface ParentCount {
  count: number;
}

/**
 * One side of a symbol's working children, oldest first (a list through the entries: nothing to
 * grow and shrink as children come and go), and the resting one priced best for the side.
 */
interface SideBook {
  oldest: Entry | undefined;
  newest: Entry | undefined;
  best: Entry | undefined;
}

/** One symbol's working children: how many, and each side's. */
interface SymbolBook {
  count: number;
  readonly buy: SideBook;
  readonly sell: SideBook;
}

/**
 * The children working at one venue, as the risk checks count them: added when a submit passes
 * (or adopted, restored after a restart), amended when a replace passes, ended by the first
 * terminal report. Counts per parent and per
 * symbol, and the resting child a new one would cross (self-trade), in one comparison: each
 * symbol keeps its best-priced resting child per side.
 */
export class WorkingChildren {
  readonly #children = new Map<string, Entry>();
  readonly #bySymbol = new SymbolMap<SymbolBook>();
  /** Each parent's working children, kept (at 0 too) until the parent completes. */
  readonly #perParent = new Map<string, ParentCount>();

  /** The working child of that clOrdId, if any. */
  get(clOrdId: string): WorkingChild | undefined {
    return this.#children.get(clOrdId);
  }

  /** How many children of `parentId` are working. */
  ofParent(parentId: string): number {
    return this.#perParent.get(parentId)?.count ?? 0;
  }

  /** How many children on `symbol` are working. */
  ofSymbol(symbol: string): number {
    return this.#bySymbol.get(symbol)?.count ?? 0;
  }

  /**
   * A resting child (one with a limit) on the other side of `symbol` that a child of `side` at
   * `limitPrice` would trade with: a buy at or above a working sell's limit, a sell at or below a
   * working buy's; a market child crosses any.
   */
  crossed(symbol: string, side: Side, limitPrice: Fixed | undefined): WorkingChild | undefined {
    const book = this.#bySymbol.get(symbol);
    const other = side === 'buy' ? book?.sell.best : book?.buy.best;
    if (other === undefined || limitPrice === undefined) return other;
    const crosses = side === 'buy' ? limitPrice.gte(other.price!) : limitPrice.lte(other.price!);
    return crosses ? other : undefined;
  }

  /**
   * The working children of `symbol` (of every symbol, without one): what a halt cancels. A copy,
   * so reports that end them meanwhile change nothing of it.
   */
  inScope(symbol?: string): WorkingChild[] {
    const all = [...this.#children.values()];
    return symbol === undefined ? all : all.filter((child) => child.symbol === symbol);
  }

  /**
   * What the working children of `symbol` on `side` have still to fill (their quantity less their
   * fills), `except` one of them: what `reducing` counts a new or changed child against.
   */
  openOnSide(symbol: string, side: Side, except?: string): Decimal {
    let open = ZERO;
    const book = this.#bySymbol.get(symbol);
    for (let child = book?.[side].oldest; child !== undefined; child = child.newer) {
      if (child.clOrdId !== except) open = open.plus(child.quantity.minus(child.cumQty));
    }
    return open;
  }

  /** Starts counting a child that passed, as `pending_new`; its limit as Fixed when converted already. */
  add(request: ChildOrderRequest, limitPrice?: Fixed): void {
    this.adopt(request, 'pending_new', ZERO, limitPrice);
  }

  /**
   * Starts counting a child exo sent before a restart, in the status and with the fills recovery
   * found: the checks see it (self-trade, counts, `reducing`) and a halt cancels it.
   */
  adopt(
    request: ChildOrderRequest,
    status: OrdStatus,
    cumQty: Decimal,
    price = request.limitPrice === undefined ? undefined : Fixed.of(request.limitPrice),
  ): void {
    if (isTerminal(status) || this.#children.has(request.clOrdId)) return;
    let book = this.#bySymbol.get(request.symbol);
    if (book === undefined) {
      book = { count: 0, buy: emptySide(), sell: emptySide() };
      this.#bySymbol.set(request.symbol, book);
    }
    const entry: Entry = {
      clOrdId: request.clOrdId,
      parentId: request.parentId,
      symbol: request.symbol,
      side: request.side,
      quantity: request.quantity,
      limitPrice: request.limitPrice,
      status,
      cumQty,
      price,
      book,
      older: undefined,
      newer: undefined,
    };
    this.#children.set(entry.clOrdId, entry);
    book.count++;
    const side = book[entry.side];
    entry.older = side.newest;
    if (side.newest === undefined) side.oldest = entry;
    else side.newest.newer = entry;
    side.newest = entry;
    if (better(entry, side.best)) side.best = entry;
    const parent = this.#perParent.get(entry.parentId);
    if (parent === undefined) this.#perParent.set(entry.parentId, { count: 1 });
    else parent.count++;
  }

  /** Takes a replace that passed: the child's terms are the new ones from now on. */
  amend(clOrdId: string, quantity: Decimal | undefined, limitPrice: Decimal | undefined): void {
    const child = this.#children.get(clOrdId);
    if (child === undefined) return;
    if (quantity !== undefined) child.quantity = quantity;
    if (limitPrice === undefined) return;
    child.limitPrice = limitPrice;
    child.price = Fixed.of(limitPrice);
    rankAgain(child.book[child.side]);
  }

  /** The parent completed: it has no working child left to count. */
  forgetParent(parentId: string): void {
    this.#perParent.delete(parentId);
  }

  /** Follows a venue report: a terminal status ends the child; others update its status and fills. */
  onReport(report: Report): void {
    const child = this.#children.get(report.clOrdId ?? report.orderId);
    if (child === undefined) return;
    if (isTerminal(report.status)) {
      this.#children.delete(child.clOrdId);
      const book = child.book;
      book.count--;
      const side = book[child.side];
      const { older, newer } = child;
      if (older === undefined) side.oldest = newer;
      else older.newer = newer;
      if (newer === undefined) side.newest = older;
      else newer.older = older;
      if (side.best === child) rankAgain(side);
      // The parent's count now, should the parent have completed and its ID come back since.
      const parent = this.#perParent.get(child.parentId);
      if (parent !== undefined) parent.count--;
      return;
    }
    if (report.cumQty !== undefined) {
      if (report.cumQty.gt(child.cumQty)) child.cumQty = report.cumQty;
    } else if (report.lastQty !== undefined) {
      child.cumQty = child.cumQty.plus(report.lastQty);
    }
    if (report.execType !== 'cancel_rejected' && report.execType !== 'replace_rejected') {
      child.status = report.status;
    }
  }
}

/** Whether `child` rests at a better price for its side than `than` (a higher buy, a lower sell). */
function better(child: Entry, than: Entry | undefined): boolean {
  if (child.price === undefined) return false;
  if (than?.price === undefined) return true;
  return child.side === 'buy' ? child.price.gt(than.price) : child.price.lt(than.price);
}

/** Finds a side's best resting child again, after it ended or a price moved. */
function rankAgain(side: SideBook): void {
  let best: Entry | undefined;
  for (let child = side.oldest; child !== undefined; child = child.newer) {
    if (better(child, best)) best = child;
  }
  side.best = best;
}

function emptySide(): SideBook {
  return { oldest: undefined, newest: undefined, best: undefined };
}
