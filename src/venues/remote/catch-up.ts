import type { CancelTimer, Clock } from '../../core/clock.js';
import type { Report } from '../../market/report.js';
import { parseResume } from '../wire/venue-answer-json.js';
import type { ClientMessageJSON, ServerMessage } from '../wire/venue-protocol.js';
import { type CatchUpQueries, rebuildMissed } from './catch-up-fallback.js';
import { ReportSequence } from './report-sequence.js';
import type { SentChildren } from './sent-children.js';

/** What a catch-up needs of the remote venue it works for. */
export interface CatchUpHost {
  readonly name: string;
  readonly clock: Clock;
  /** How long the resume may go unanswered before the connection is dropped to try again. */
  readonly timeoutMs: number;
  readonly children: SentChildren;
  /** The queries to rebuild missed reports with, for a venue that cannot replay them. */
  readonly queries: CatchUpQueries;
  readonly onProblem: (problem: string) => void;
  /** Passes a report on to exo, with its sequence when it came with one. */
  deliver(report: Report, venueSeq: number | undefined): void;
  /** A request ID unique to this client. */
  nextId(): string;
  /** Sends a message on the current connection. */
  send(text: string): void;
  /** Drops the connection, for the next one to try again. */
  reconnect(): void;
}

/**
 * One attempt to catch up, on one connection: `dropped` ends it when that connection goes, so the
 * connection current while it lasts is its own.
 */
interface Attempt {
  readonly id: string;
  /** The highest sequence delivered when it began: what a rebuild asks fills after. */
  readonly sinceSeq: number;
  readonly cancelTimeout: CancelTimer;
}

/**
 * A remote venue's reports in sequence order, and the catch-up on what a dropped connection
 * missed. On reconnecting to the same run it asks the server to `resume` after the last sequence
 * delivered and holds every report, replayed or live, until the answer, then delivers them sorted
 * (see ReportSequence). When the server forgot some, or predates resume, the missed fills and ends
 * of the children followed are rebuilt from queries instead (see catch-up-fallback.ts). An attempt
 * unanswered in time, or whose queries fail, drops its connection: the next one resumes from the
 * same point, the reports held meanwhile kept.
 */
export class ReportCatchUp {
  readonly #host: CatchUpHost;
  readonly #sequence: ReportSequence;
  #attempt: Attempt | undefined;

  constructor(host: CatchUpHost) {
    this.#host = host;
    this.#sequence = new ReportSequence((report, venueSeq) => host.deliver(report, venueSeq));
  }

  /** Whether reports are held until a catch-up ends. */
  get holding(): boolean {
    return this.#sequence.holding;
  }

  /** A report from the venue: delivered now, held, or dropped as one already delivered. */
  receive(venueSeq: number, report: Report): void {
    this.#sequence.receive(venueSeq, report);
  }

  /**
   * The connection found a new run, whose reports come after `head`: reports held from the old
   * run are delivered now, before anything about the new one.
   */
  newRun(head: number): void {
    this.#sequence.release();
    this.#sequence.startRun(head);
  }

  /** The connection found the same run again: asks for what was missed, holding reports meanwhile. */
  resume(): void {
    const { clock, timeoutMs } = this.#host;
    const id = this.#host.nextId();
    const sinceSeq = this.#sequence.delivered;
    this.#sequence.hold();
    const attempt: Attempt = {
      id,
      sinceSeq,
      cancelTimeout: clock.setTimer(clock.now() + timeoutMs, () =>
        this.#failed(attempt, `no answer to resume within ${timeoutMs} ms`),
      ),
    };
    this.#attempt = attempt;
    this.#host.send(JSON.stringify({ type: 'resume', id, sinceSeq } satisfies ClientMessageJSON));
  }

  /** Takes the answer to the resume in progress; false for any other message. */
  answer(message: Extract<ServerMessage, { type: 'reply' | 'error' }>): boolean {
    const attempt = this.#attempt;
    if (attempt === undefined || message.id !== attempt.id) return false;
    attempt.cancelTimeout();
    let problem = message.type === 'error' ? message.error : undefined;
    if (message.type === 'reply') {
      try {
        if (parseResume(message.result, 'reply.result').complete) {
          this.#attempt = undefined;
          this.#sequence.release();
          return true;
        }
        problem = 'it no longer holds them all';
      } catch (error) {
        problem = describeError(error);
      }
    }
    this.#host.onProblem(
      `venue ${this.#host.name} could not replay the reports after ${attempt.sinceSeq} ` +
        `(${problem}): rebuilding fills and ends from its queries`,
    );
    this.#rebuild(attempt);
    return true;
  }

  /** The connection dropped or the venue closed: the attempt ends, reports stay held. */
  dropped(): void {
    this.#attempt?.cancelTimeout();
    this.#attempt = undefined;
  }

  #rebuild(attempt: Attempt): void {
    const { queries, children, clock } = this.#host;
    rebuildMissed(queries, attempt.sinceSeq, children.list(), () => clock.now()).then(
      ({ fills, ends }) => {
        if (this.#attempt !== attempt) return;
        this.#attempt = undefined;
        this.#sequence.release(fills);
        // A report delivered meanwhile may have ended a child already.
        for (const end of ends) if (children.has(end.clOrdId!)) this.#host.deliver(end, undefined);
      },
      (error: unknown) => this.#failed(attempt, describeError(error)),
    );
  }

  /** An attempt that cannot finish on its connection: drops it, to resume on the next. */
  #failed(attempt: Attempt, problem: string): void {
    if (this.#attempt !== attempt) return;
    this.#attempt = undefined;
    this.#host.onProblem(`venue ${this.#host.name}: catch-up failed (${problem}), reconnecting`);
    this.#host.reconnect();
  }
}

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
