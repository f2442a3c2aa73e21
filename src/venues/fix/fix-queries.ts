import type { CancelTimer, Clock } from '../../core/clock.js';
import { extended } from '../../market/extended.js';
import { VenueRequestError, VenueTimeoutError } from '../remote/remote-errors.js';
import { VenueClosedError } from '../venue-closed-error.js';
import type { FixExecution } from './execution-report.js';

/** One query waiting for its status reports. */
interface Waiting {
  readonly what: string;
  readonly seq: number;
  readonly reports: FixExecution[];
  readonly settle: (reports: FixExecution[] | Error) => void;
  readonly cancelTimer: CancelTimer;
}

/**
 * The OrderStatusRequests (H) and OrderMassStatusRequests (AF) waiting for their answers: status
 * ExecutionReports (ExecType I) carrying the request's ID (790 or 584). An H is answered by its
 * one report; an AF by reports up to LastRptRequested=Y or TotNumReports of them (one report
 * with TotNumReports=0 when nothing is open). A Reject or BusinessMessageReject naming the
 * request's MsgSeqNum fails it with the venue's text; no answer in `timeoutMs` fails it with
 * VenueTimeoutError.
 */
export class FixQueries {
  readonly #waiting = new Map<string, Waiting>();
  #next = 0;

  constructor(
    readonly venue: string,
    readonly clock: Clock,
    readonly timeoutMs: number,
  ) {}

  /** How many queries wait. */
  get size(): number {
    return this.#waiting.size;
  }

  /** Sends a query through `send` (which returns its MsgSeqNum) and waits for its reports. */
  ask(what: string, send: (reqId: string) => number): Promise<FixExecution[]> {
    const reqId = `q${this.clock.now().toString(36)}-${(++this.#next).toString(36)}`;
    return new Promise((resolve, reject) => {
      const settle = (result: FixExecution[] | Error): void => {
        const waiting = this.#waiting.get(reqId);
        if (waiting === undefined) return;
        this.#waiting.delete(reqId);
        waiting.cancelTimer();
        if (result instanceof Error) reject(result);
        else resolve(result);
      };
      const cancelTimer = this.clock.setTimer(this.clock.now() + this.timeoutMs, () =>
        settle(new VenueTimeoutError(this.venue, what, this.timeoutMs)),
      );
      this.#waiting.set(reqId, { what, seq: 0, reports: [], settle, cancelTimer });
      try {
        const seq = send(reqId);
        const waiting = this.#waiting.get(reqId);
        if (waiting !== undefined) this.#waiting.set(reqId, extended(waiting, { seq }));
      } catch (error) {
        settle(error instanceof Error ? error : new Error(String(error)));
      }
    });
  }

  /** Takes a status report if it answers a waiting query; true when it did. */
  report(execution: FixExecution): boolean {
    const reqId = execution.statusReqId;
    const waiting = reqId === undefined ? undefined : this.#waiting.get(reqId);
    if (waiting === undefined) return false;
    const empty = execution.totNumReports === 0;
    if (!empty) waiting.reports.push(execution);
    const total = execution.totNumReports;
    const done =
      empty || execution.lastRptRequested || total === undefined || waiting.reports.length >= total;
    if (done) waiting.settle(waiting.reports);
    return true;
  }

  /** Fails the query sent as MsgSeqNum `seq` with the venue's `text`; true when one was waiting. */
  refused(seq: number, text: string): boolean {
    for (const waiting of this.#waiting.values()) {
      if (waiting.seq !== seq) continue;
      waiting.settle(new VenueRequestError(this.venue, waiting.what, text));
      return true;
    }
    return false;
  }

  /** Fails every waiting query: the venue is closed. */
  close(): void {
    for (const waiting of [...this.#waiting.values()]) {
      waiting.settle(new VenueClosedError(this.venue));
    }
  }
}
