import { firstAfter } from '../paper/paper-queries.js';

/** How many recent reports the standalone venue keeps for clients that reconnect, by default. */
export const DEFAULT_REPLAY_REPORTS = 20_000;

/** How many reports beyond the capacity a large log keeps before dropping them all at once. */
const DROP_BATCH = 1024;

/** The reports a client asked to replay, and whether they are all it missed. */
export interface ReportReplay {
  /** The report messages after the sequence asked from, as sent, in sequence order. */
  readonly messages: readonly string[];
  /** False when the log had already forgotten some of the reports asked for. */
  readonly complete: boolean;
}

/** A report message as broadcast, with its sequence. */
interface LoggedReport {
  readonly venueSeq: number;
  readonly text: string;
}

/**
 * The standalone venue's recent report messages, in sequence order, so that a client that lost its
 * connection can be sent the reports made while it was away. Keeps the last `capacity` (and up to
 * a batch more, dropped together so that each report costs O(1) on average); a client away for
 * longer learns the replay is incomplete and must ask the venue's queries instead.
 */
export class ReportLog {
  readonly #capacity: number;
  #reports: LoggedReport[] = [];
  /** The sequence of the latest report appended: where a client that connects now starts. */
  #head: number;
  /** Every report at or below this sequence is gone: before the run started, or dropped. */
  #forgottenThrough: number;

  /** `start` is the run's sequence start: its first report takes the next sequence. */
  constructor(start: number, capacity = DEFAULT_REPLAY_REPORTS) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) {
      throw new RangeError(`report log capacity must be a non-negative integer, got ${capacity}`);
    }
    this.#capacity = capacity;
    this.#head = start;
    this.#forgottenThrough = start;
  }

  /** The sequence of the latest report: every later one is still to come. */
  get head(): number {
    return this.#head;
  }

  /** Remembers a report message as broadcast; sequences must rise. */
  append(venueSeq: number, text: string): void {
    this.#head = venueSeq;
    this.#reports.push({ venueSeq, text });
    if (this.#reports.length > this.#capacity + Math.min(this.#capacity, DROP_BATCH)) {
      const dropped = this.#reports.length - this.#capacity;
      this.#forgottenThrough = this.#reports[dropped - 1]!.venueSeq;
      this.#reports = this.#reports.slice(dropped);
    }
  }

  /** The report messages with a sequence above `sinceSeq`, and whether the log still had them all. */
  since(sinceSeq: number): ReportReplay {
    const start = firstAfter(this.#reports, sinceSeq);
    return {
      messages: this.#reports.slice(start).map((report) => report.text),
      complete: sinceSeq >= this.#forgottenThrough,
    };
  }
}
