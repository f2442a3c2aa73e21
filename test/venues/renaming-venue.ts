import type { Report } from '../../src/market/report.js';
import { BINANCE_CLIENT_IDS } from '../../src/venues/client-id-format.js';
import type { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import type {
  ChildOrderRequest,
  ChildReplaceRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueFill,
  VenueOrderStatus,
} from '../../src/venues/venue.js';

/**
 * A venue that renames an order on every replace it takes, as FIX G does: the paper venue's
 * matching behind it, each order known to paper by its first client ID. A replace that offers a
 * new client ID (`newClOrdId`) gives the order that name once the venue confirms it (the
 * `replaced` report is the first under it); a refused replace is reported under the name it
 * offered, as a FIX OrderCancelReject is. Reports, statuses and fills name the order as the venue
 * did at the time; any of its names finds it. `holding` keeps the reports it picks from exo until
 * `release` (a late report); `alive` false cuts exo off, as a kill does, and the venue lives on.
 */
export class RenamingVenue implements Venue {
  readonly name: string;
  readonly clientIds = { format: BINANCE_CLIENT_IDS, renamesOnReplace: true };
  /** Every name a cancel was asked under. */
  readonly cancels: string[] = [];
  /** Every replace as it arrived. */
  readonly replaces: ChildReplaceRequest[] = [];
  holding: (report: Report) => boolean = () => false;
  alive = true;
  readonly #paper: PaperVenue;
  /** Paper's ID (the first name) behind every name. */
  readonly #paperIds = new Map<string, string>();
  /** Each order's name now, by paper's ID. */
  readonly #names = new Map<string, string>();
  /** The name a confirmed replace gives an order, by paper's ID. */
  readonly #renaming = new Map<string, string>();
  /** The name each fill was reported under. */
  readonly #fillNames = new Map<string, string>();
  readonly #held: Report[] = [];
  #sink: ReportSink | undefined;

  constructor(paper: PaperVenue) {
    this.#paper = paper;
    this.name = paper.name;
  }

  onReport(sink: ReportSink): void {
    this.#sink = sink;
    this.#paper.onReport((report, cursor) => {
      const named = this.#named(report);
      if (this.holding(named)) this.#held.push(named);
      else if (this.alive) sink(named, cursor);
    });
  }

  /** Delivers the reports held so far, in order (without cursors: they are late). */
  release(): void {
    for (const report of this.#held.splice(0)) if (this.alive) this.#sink?.(report);
  }

  /** The name paper's order `paperId` goes by now. */
  nameOf(paperId: string): string {
    return this.#names.get(paperId) ?? paperId;
  }

  submit(request: ChildOrderRequest): void {
    if (!this.alive) return;
    this.#paperIds.set(request.clOrdId, request.clOrdId);
    this.#paper.submit(request);
  }

  replace(request: ChildReplaceRequest): void {
    if (!this.alive) return;
    this.replaces.push(request);
    const paperId = this.#paperId(request.clOrdId);
    if (request.newClOrdId !== undefined) {
      this.#paperIds.set(request.newClOrdId, paperId);
      this.#renaming.set(paperId, request.newClOrdId);
    }
    this.#paper.replace({ ...request, clOrdId: paperId });
  }

  cancel(clOrdId: string): void {
    if (!this.alive) return;
    this.cancels.push(clOrdId);
    this.#paper.cancel(this.#paperId(clOrdId));
  }

  async openOrders(prefix = ''): Promise<VenueOrderStatus[]> {
    const open = await this.#paper.openOrders();
    return open.map((status) => this.#status(status)).filter((s) => s.clOrdId.startsWith(prefix));
  }

  async orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    if (!this.#paperIds.has(clOrdId)) return undefined;
    const status = await this.#paper.orderStatus(this.#paperId(clOrdId));
    return status === undefined ? undefined : this.#status(status);
  }

  async fillsSince(cursor?: string): Promise<FillsPage> {
    const page = await this.#paper.fillsSince(cursor);
    return { fills: page.fills.map((fill) => this.#fill(fill)), cursor: page.cursor };
  }

  /** The fills reported under `clOrdId` (FIX lists an order's executions by its ClOrdID then). */
  async fillsOf(clOrdId: string): Promise<VenueFill[]> {
    const fills = await this.#paper.fillsOf(this.#paperId(clOrdId));
    return fills.map((fill) => this.#fill(fill)).filter((fill) => fill.clOrdId === clOrdId);
  }

  cursorCovers(cursor: string, fill: VenueFill): boolean {
    return this.#paper.cursorCovers(cursor, fill);
  }

  async close(): Promise<void> {
    this.alive = false;
  }

  #paperId(name: string): string {
    return this.#paperIds.get(name) ?? name;
  }

  #named(report: Report): Report {
    const paperId = report.clOrdId;
    if (paperId === undefined) return report;
    const renaming = this.#renaming.get(paperId);
    if (renaming !== undefined && report.execType === 'replace_rejected') {
      this.#renaming.delete(paperId);
      return { ...report, clOrdId: renaming };
    }
    if (renaming !== undefined && report.execType === 'replaced') {
      this.#renaming.delete(paperId);
      this.#names.set(paperId, renaming);
    }
    const name = this.nameOf(paperId);
    if (report.execType === 'trade' && report.execId !== undefined) {
      this.#fillNames.set(report.execId, name);
    }
    return { ...report, clOrdId: name };
  }

  #status(status: VenueOrderStatus): VenueOrderStatus {
    return { ...status, clOrdId: this.nameOf(status.clOrdId) };
  }

  #fill(fill: VenueFill): VenueFill {
    return { ...fill, clOrdId: this.#fillNames.get(fill.execId) ?? fill.clOrdId };
  }
}
