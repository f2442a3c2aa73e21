import type { Report } from '../../market/report.js';

/** A report with the venue sequence it came with. */
export interface SequencedReport {
  readonly venueSeq: number;
  readonly report: Report;
}

/**
 * The remote venue's reports on their way to exo, delivered at most once per venue sequence and in
 * sequence order. While a reconnected client catches up, reports are held: the live ones and the
 * replayed ones overlap and arrive out of order, so they are delivered together, sorted, when the
 * catch-up ends. A report at or below the highest sequence delivered is a duplicate and dropped.
 */
export class ReportSequence {
  readonly #deliver: (report: Report, venueSeq: number) => void;
  /** The highest sequence delivered in this run of the venue. */
  #delivered = 0;
  /** Reports waiting for the catch-up to end, by sequence; undefined when not catching up. */
  #held: Map<number, Report> | undefined;

  constructor(deliver: (report: Report, venueSeq: number) => void) {
    this.#deliver = deliver;
  }

  /** The highest sequence delivered in this run, or the run's start: where to resume from. */
  get delivered(): number {
    return this.#delivered;
  }

  /** Whether reports are held for a catch-up. */
  get holding(): boolean {
    return this.#held !== undefined;
  }

  /**
   * A new run of the venue, whose reports come after `head`. Sequences start over: a run numbers
   * from the wall clock, which a restart could find set back.
   */
  startRun(head: number): void {
    this.#delivered = head;
  }

  /** Holds reports from now until `release`, for a catch-up. */
  hold(): void {
    this.#held ??= new Map();
  }

  /** A report from the venue: delivered now, held, or dropped as a duplicate. */
  receive(venueSeq: number, report: Report): void {
    if (venueSeq <= this.#delivered) return;
    if (this.#held === undefined) {
      this.#delivered = venueSeq;
      this.#deliver(report, venueSeq);
    } else if (!this.#held.has(venueSeq)) {
      this.#held.set(venueSeq, report);
    }
  }

  /**
   * Ends the catch-up: delivers the held reports and `recovered` (reports rebuilt from queries,
   * which a held report of the same sequence replaces) in sequence order, each once.
   */
  release(recovered: readonly SequencedReport[] = []): void {
    const held = this.#held ?? new Map<number, Report>();
    this.#held = undefined;
    const all = new Map<number, Report>();
    for (const { venueSeq, report } of recovered) all.set(venueSeq, report);
    for (const [venueSeq, report] of held) all.set(venueSeq, report);
    for (const venueSeq of [...all.keys()].sort((a, b) => a - b)) {
      this.receive(venueSeq, all.get(venueSeq)!);
    }
  }
}
