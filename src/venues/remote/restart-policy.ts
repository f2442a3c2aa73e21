import type { Report } from '../../market/report.js';
import type { ServerMessage } from '../wire/venue-protocol.js';
import { type CatchUpHost, ReportCatchUp } from './catch-up.js';
import { SentChildren } from './sent-children.js';

/** The text of the reports that end the children a restarted venue lost. */
export const VENUE_RESTARTED_TEXT = 'venue restarted: order lost';

/** What the restart policy needs of the remote venue it works for. */
export interface RestartPolicyHost extends Omit<CatchUpHost, 'children' | 'deliver'> {
  /** Drops the requests still waiting to go out for children the venue lost. */
  dropRequests(clOrdIds: ReadonlySet<string>): void;
  /** Passes a report on to exo, with its venue sequence when it came with one. */
  report(report: Report, venueSeq?: number): void;
}

/**
 * What a remote venue does about the venue's runs: each connection's welcome names the run. The
 * same run as before means only the connection dropped: it catches up on the reports missed (see
 * catch-up.ts). A new run means the venue process restarted with an empty book: every child the
 * old run had taken and not seen to end is reported ended (`canceled`, or `rejected` if never
 * acknowledged, with VENUE_RESTARTED_TEXT) and requests still waiting for them are dropped, so
 * their parents re-plan; children the old run never took are sent to the new one. Reports reach
 * exo through here, at most once per venue sequence, in sequence order.
 */
export class RestartPolicy {
  /** Children sent and not seen to end: the ones a venue restart would end or send again. */
  readonly children = new SentChildren();
  readonly #host: RestartPolicyHost;
  readonly #catchUp: ReportCatchUp;
  #runId: string | undefined;
  #restarts = 0;
  #lastVenueSeq = 0;

  constructor(host: RestartPolicyHost) {
    this.#host = host;
    this.#catchUp = new ReportCatchUp({
      name: host.name,
      clock: host.clock,
      timeoutMs: host.timeoutMs,
      children: this.children,
      queries: host.queries,
      onProblem: host.onProblem,
      deliver: (report, venueSeq) => this.#deliver(report, venueSeq),
      nextId: () => host.nextId(),
      send: (text) => host.send(text),
      reconnect: () => host.reconnect(),
    });
  }

  /** The run of the venue process last connected to, from its welcome; undefined before one. */
  get runId(): string | undefined {
    return this.#runId;
  }

  /** How many times a reconnection found a new run: the venue restarted and lost its book. */
  get restarts(): number {
    return this.#restarts;
  }

  /** The highest venue sequence of any report received (held ones too). */
  get lastVenueSeq(): number {
    return this.#lastVenueSeq;
  }

  /** Whether reports are held while it catches up on what a dropped connection missed. */
  get catchingUp(): boolean {
    return this.#catchUp.holding;
  }

  /**
   * A connection's welcome named the venue's run and its latest report. The same run as before:
   * catch up on what the dropped connection missed. A new one lost every child the old one held.
   */
  welcomed(runId: string, head: number | undefined): void {
    const previous = this.#runId;
    this.#runId = runId;
    if (previous === runId) {
      this.#catchUp.resume();
      return;
    }
    // What the old run sent before the connection dropped comes before the ends of what it lost.
    this.#catchUp.newRun(head ?? 0);
    if (previous !== undefined) this.#restarted();
  }

  /** A report from the venue: delivered now, held for a catch-up, or dropped as a duplicate. */
  report(venueSeq: number, report: Report): void {
    this.#lastVenueSeq = Math.max(this.#lastVenueSeq, venueSeq);
    this.#catchUp.receive(venueSeq, report);
  }

  /** Takes the answer to a catch-up's resume; false for any other message. */
  answer(message: Extract<ServerMessage, { type: 'reply' | 'error' }>): boolean {
    return this.#catchUp.answer(message);
  }

  /** The connection dropped or the venue closed: a catch-up under way ends, reports stay held. */
  dropped(): void {
    this.#catchUp.dropped();
  }

  #restarted(): void {
    this.#restarts++;
    const lost = this.children.takeLost();
    this.#host.dropRequests(new Set(lost.map((child) => child.clOrdId)));
    for (const { clOrdId, parentId, end } of lost) {
      this.#host.report({
        orderId: parentId,
        clOrdId,
        execType: end,
        status: end,
        transactTime: this.#host.clock.now(),
        text: VENUE_RESTARTED_TEXT,
      });
    }
  }

  #deliver(report: Report, venueSeq: number | undefined): void {
    this.children.reported(report);
    this.#host.report(report, venueSeq);
  }
}
