import { isRefusal } from '../market/exec-type.js';
import { extended } from '../market/extended.js';
import type { Report } from '../market/report.js';
import { parentIdOf } from './child-id.js';
import { ForwardingVenue } from './forwarding-venue.js';
import type {
  ChildReplaceRequest,
  FillsPage,
  ReportSink,
  Venue,
  VenueFill,
  VenueOrderStatus,
} from './venue.js';

/** One renamed child's client IDs, oldest (its identity) first, and the one the venue uses now. */
interface Chain {
  readonly ids: string[];
  current: string;
}

/**
 * A venue whose replaces may rename the order (FIX G, Binance cancelReplace), seen by the rest of
 * exo as one whose children keep one client ID, their identity. A replace that offers a new ID
 * (`newClOrdId`) adds it to the child's chain; requests go out under the ID the venue uses now;
 * reports, statuses and fills under any ID of a chain come back under the identity, the venue's
 * name kept as `venueClOrdId`. The venue uses a later ID once a report or status shows it (a
 * refusal does not: it may name an ID the venue refused); a late report under an earlier one never
 * takes it back. `orderStatus` asks by the newest ID first, since a replace exo sent may have
 * renamed the order. Only renamed children are held: a venue that never renames costs a lookup.
 * The chains are exo's journal's (child_replace rows), so a restart gives them back (`follow`)
 * before any report arrives; a completed parent's are dropped (`forget`).
 */
export class ClientIdChains extends ForwardingVenue {
  /** The wrapped venue's, where it has one, its fills under the child's identity. */
  override readonly fillsOf: Venue['fillsOf'];
  /** Each renamed child's chain, by its identity. */
  readonly #chains = new Map<string, Chain>();
  /** The identity behind every later ID of a chain. */
  readonly #identities = new Map<string, string>();
  /** The renamed children of each parent, to forget with it. */
  readonly #byParent = new Map<string, string[]>();

  constructor(venue: Venue) {
    super(venue);
    const fillsOf = venue.fillsOf?.bind(venue);
    this.fillsOf = fillsOf === undefined ? undefined : (id) => this.#fillsOf(fillsOf, id);
  }

  /** The client ID the venue knows the child `clOrdId` by now (its identity unless renamed). */
  current(clOrdId: string): string {
    return this.#chains.get(clOrdId)?.current ?? clOrdId;
  }

  /**
   * Follows a child's client IDs as recovery rebuilt them (identity first), with the one the
   * venue knew it by: a restart's reports and queries under any of them then reach the child.
   */
  follow(ids: readonly string[], current: string): void {
    const [identity, ...later] = ids;
    if (identity === undefined) return;
    for (const id of later) this.#add(identity, id);
    const chain = this.#chains.get(identity);
    if (chain?.ids.includes(current)) chain.current = current;
  }

  /** Drops the chains of a parent that completed. */
  forget(parentId: string): void {
    for (const identity of this.#byParent.get(parentId) ?? []) {
      for (const id of this.#chains.get(identity)?.ids ?? []) this.#identities.delete(id);
      this.#chains.delete(identity);
    }
    this.#byParent.delete(parentId);
  }

  override onReport(sink: ReportSink): void {
    this.inner.onReport((report, cursor) => sink(this.#report(report), cursor));
  }

  override replace(request: ChildReplaceRequest): void {
    if (request.newClOrdId !== undefined) this.#add(request.clOrdId, request.newClOrdId);
    this.inner.replace(extended(request, { clOrdId: this.current(request.clOrdId) }));
  }

  override cancel(clOrdId: string, time?: number): void {
    this.inner.cancel(this.current(clOrdId), time);
  }

  override async openOrders(prefix?: string): Promise<VenueOrderStatus[]> {
    return (await this.inner.openOrders(prefix)).map((status) => this.#status(status));
  }

  /** Asks by the child's newest ID first, then the earlier ones, until the venue knows one. */
  override async orderStatus(clOrdId: string): Promise<VenueOrderStatus | undefined> {
    const chain = this.#chains.get(clOrdId);
    if (chain === undefined) return this.inner.orderStatus(clOrdId);
    for (const id of [...chain.ids].reverse()) {
      const status = await this.inner.orderStatus(id);
      if (status !== undefined) return this.#status(status);
    }
    return undefined;
  }

  override async fillsSince(cursor?: string): Promise<FillsPage> {
    const page = await this.inner.fillsSince(cursor);
    return { fills: page.fills.map((fill) => this.#fill(fill)), cursor: page.cursor };
  }

  /** A child's fills under each of its IDs, once each, under its identity. */
  async #fillsOf(
    fillsOf: (clOrdId: string) => Promise<VenueFill[]>,
    clOrdId: string,
  ): Promise<VenueFill[]> {
    const chain = this.#chains.get(clOrdId);
    if (chain === undefined) return fillsOf(clOrdId);
    const fills = new Map<string, VenueFill>();
    for (const id of chain.ids) {
      for (const fill of await fillsOf(id)) fills.set(fill.execId, this.#fill(fill));
    }
    return [...fills.values()];
  }

  #add(identity: string, id: string): void {
    if (id === identity || this.#identities.has(id)) return;
    let chain = this.#chains.get(identity);
    if (chain === undefined) {
      chain = { ids: [identity], current: identity };
      this.#chains.set(identity, chain);
      const parentId = parentIdOf(identity);
      const children = this.#byParent.get(parentId);
      if (children === undefined) this.#byParent.set(parentId, [identity]);
      else children.push(identity);
    }
    chain.ids.push(id);
    this.#identities.set(id, identity);
  }

  /** The identity behind `id`, and whether the venue now uses `id` (`moves`: it may). */
  #named(id: string, moves: boolean): string | undefined {
    const identity = this.#identities.get(id);
    if (identity === undefined) return undefined;
    const chain = this.#chains.get(identity);
    if (moves && chain !== undefined && chain.ids.indexOf(id) > chain.ids.indexOf(chain.current)) {
      chain.current = id;
    }
    return identity;
  }

  #report(report: Report): Report {
    const { clOrdId } = report;
    if (clOrdId === undefined) return report;
    const execType = report.execType ?? report.status;
    const identity = this.#named(clOrdId, !isRefusal(execType));
    return identity === undefined
      ? report
      : extended(report, { clOrdId: identity, venueClOrdId: clOrdId });
  }

  #status(status: VenueOrderStatus): VenueOrderStatus {
    const identity = this.#named(status.clOrdId, !isRefusal(status.status));
    if (identity === undefined) return status;
    return extended(status, { clOrdId: identity, venueClOrdId: status.clOrdId });
  }

  #fill(fill: VenueFill): VenueFill {
    const identity = this.#named(fill.clOrdId, true);
    return identity === undefined ? fill : extended(fill, { clOrdId: identity });
  }
}
