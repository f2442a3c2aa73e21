import { type Decimal, decimal } from '../../src/market/decimal.js';
import type { ExecType } from '../../src/market/exec-type.js';
import { isTerminal, type OrdStatus } from '../../src/market/ord-status.js';
import type { Report } from '../../src/market/report.js';
import type { ClientIdRules } from '../../src/venues/client-id-format.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueOrderStatus,
} from '../../src/venues/venue.js';

/** A child as the fake venue holds it. */
export interface FakeChild {
  readonly request: ChildOrderRequest;
  quantity: Decimal;
  limitPrice: Decimal | undefined;
  cumQty: Decimal;
  live: boolean;
  /** The status of the venue's last report on it. */
  status: OrdStatus;
}

/**
 * A venue that answers only when the test tells it to (or through the `on*` hooks): records every
 * request, and checks on each submit how many of the parent's children were still live. Its
 * queries (`openOrders`, `orderStatus`) answer from the children it holds, so that recovery can
 * reconcile with it; `holds` puts back what it held before a restart.
 */
export class FakeVenue implements Venue {
  readonly name = 'fake';
  /** The client-ID rules it declares; a test sets them before placing orders. */
  clientIds: ClientIdRules | undefined;
  readonly submitted: ChildOrderRequest[] = [];
  readonly replaces: ChildReplaceRequest[] = [];
  readonly cancels: string[] = [];
  /** For each submit, the number of children still live at the venue just before it. */
  readonly liveAtSubmit: number[] = [];
  readonly children = new Map<string, FakeChild>();
  onSubmit: ((request: ChildOrderRequest) => void) | undefined;
  onReplace: ((request: ChildReplaceRequest) => void) | undefined;
  onCancel: ((clOrdId: string) => void) | undefined;
  #sink: ReportSink | undefined;
  #execs = 0;

  onReport(sink: ReportSink): void {
    this.#sink = sink;
  }

  submit(request: ChildOrderRequest): void {
    this.liveAtSubmit.push(this.live().length);
    this.submitted.push(request);
    this.#hold(request, 'pending_new', decimal('0'));
    this.onSubmit?.(request);
  }

  /**
   * A child this venue held before exo restarted, as it stands now (acknowledged, by default):
   * no report is sent and nothing is recorded as submitted.
   */
  holds(request: ChildOrderRequest, now: { status?: OrdStatus; cumQty?: string } = {}): void {
    this.#hold(request, now.status ?? 'new', decimal(now.cumQty ?? '0'));
  }

  replace(request: ChildReplaceRequest): void {
    this.replaces.push(request);
    this.onReplace?.(request);
  }

  cancel(clOrdId: string): void {
    this.cancels.push(clOrdId);
    this.onCancel?.(clOrdId);
  }

  async openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    return this.live()
      .filter((child) => child.request.clOrdId.startsWith(prefix))
      .map((child) => statusOf(child));
  }

  async orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    const child = this.children.get(clOrdId);
    return child === undefined ? undefined : statusOf(child);
  }

  async fillsSince(cursor = '0'): Promise<FillsPage> {
    return { fills: [], cursor };
  }

  async close(): Promise<void> {}

  /** The children not yet filled, canceled, rejected or expired at the venue. */
  live(): FakeChild[] {
    return [...this.children.values()].filter((child) => child.live);
  }

  /** The most recently submitted child. */
  last(): FakeChild {
    const request = this.submitted[this.submitted.length - 1];
    if (request === undefined) throw new Error('nothing submitted');
    return this.child(request.clOrdId);
  }

  child(clOrdId: string): FakeChild {
    const child = this.children.get(clOrdId);
    if (child === undefined) throw new Error(`no child ${clOrdId}`);
    return child;
  }

  ack(clOrdId: string): void {
    this.#send(clOrdId, 'new', 'new');
  }

  /** Fills `qty` at `px`; the child ends filled when its quantity is reached. */
  fill(clOrdId: string, qty: string, px: string, execId = `${clOrdId}-x${++this.#execs}`): void {
    const child = this.child(clOrdId);
    child.cumQty = child.cumQty.plus(qty);
    const filled = child.cumQty.gte(child.quantity);
    if (filled) child.live = false;
    this.#send(clOrdId, 'trade', filled ? 'filled' : 'partially_filled', {
      execId,
      lastQty: decimal(qty),
      lastPx: decimal(px),
    });
  }

  canceled(clOrdId: string): void {
    this.child(clOrdId).live = false;
    this.#send(clOrdId, 'canceled', 'canceled');
  }

  expired(clOrdId: string): void {
    this.child(clOrdId).live = false;
    this.#send(clOrdId, 'expired', 'expired');
  }

  rejected(clOrdId: string, text: string): void {
    this.child(clOrdId).live = false;
    this.#send(clOrdId, 'rejected', 'rejected', { text });
  }

  /** Confirms the latest replace asked for this child, taking its terms. */
  replaced(clOrdId: string): void {
    const child = this.child(clOrdId);
    const request = [...this.replaces].reverse().find((r) => r.clOrdId === clOrdId);
    if (request?.quantity !== undefined) child.quantity = request.quantity;
    if (request?.limitPrice !== undefined) child.limitPrice = request.limitPrice;
    this.#send(clOrdId, 'replaced', 'new');
  }

  replaceRejected(clOrdId: string, text: string): void {
    this.#send(clOrdId, 'replace_rejected', 'new', { text });
  }

  /** Says the outcome of the child's pending request is unknown (a timeout, Binance's -1007). */
  unknown(clOrdId: string, status: OrdStatus, text: string): void {
    this.#send(clOrdId, 'unknown', status, { text });
  }

  cancelRejected(clOrdId: string, text: string): void {
    this.#send(clOrdId, 'cancel_rejected', 'new', { text });
  }

  #hold(request: ChildOrderRequest, status: OrdStatus, cumQty: Decimal): void {
    this.children.set(request.clOrdId, {
      request,
      quantity: request.quantity,
      limitPrice: request.limitPrice,
      cumQty,
      live: !isTerminal(status),
      status,
    });
  }

  #send(clOrdId: string, execType: ExecType, status: OrdStatus, extra: Partial<Report> = {}) {
    const child = this.child(clOrdId);
    child.status = status;
    if (this.#sink === undefined) throw new Error('venue not connected');
    this.#sink({
      orderId: child.request.parentId,
      clOrdId,
      execType,
      status,
      transactTime: 0,
      ...extra,
    });
  }
}

function statusOf(child: FakeChild): VenueOrderStatus {
  const { request, quantity, limitPrice, cumQty, status } = child;
  return {
    clOrdId: request.clOrdId,
    parentId: request.parentId,
    venueOrderId: `fake-${request.clOrdId}`,
    symbol: request.symbol,
    side: request.side,
    quantity,
    ...(limitPrice === undefined ? {} : { limitPrice }),
    timeInForce: request.timeInForce,
    status,
    cumQty,
    leavesQty: child.live ? quantity.minus(cumQty) : decimal('0'),
  };
}
