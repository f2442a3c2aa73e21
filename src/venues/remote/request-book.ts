import { randomUUID } from 'node:crypto';
import type { CancelTimer, Clock } from '../../core/clock.js';
import { ParseError } from '../../market/parse-error.js';
import { VenueClosedError } from '../venue-closed-error.js';
import type { ClientMessageJSON, ServerMessage } from '../wire/venue-protocol.js';
import { VenueRequestError, VenueTimeoutError } from './remote-errors.js';

/** What a request book needs of the remote venue it works for. */
export interface RequestBookSettings {
  /** The venue's name in exo, for errors and problems. */
  readonly name: string;
  readonly clock: Clock;
  /** How long a query may wait for its answer, connected or not. */
  readonly timeoutMs: number;
  /** Told of an error from the server that answers no request waiting. */
  readonly onProblem: (problem: string) => void;
  /** Sends a request's text on the connection, while the book is not holding. */
  send(text: string): void;
}

/** What becomes of a child request: the server confirms it, or refuses it unread. */
export interface ChildOutcome {
  /** The server's `received`: the venue has the request, its outcome comes as reports. */
  readonly confirmed?: () => void;
  /** The server could not read the request, for `reason`. */
  readonly refused: (reason: string) => void;
}

/** A child request waiting for the server's `received`. */
interface ChildEntry extends ChildOutcome {
  readonly kind: 'child';
  readonly clOrdId: string;
  readonly text: string;
}

/** A query waiting for its reply. */
interface QueryEntry {
  readonly kind: 'query';
  readonly text: string;
  readonly name: string;
  readonly answer: (result: unknown) => void;
  readonly fail: (error: Error) => void;
  readonly cancelTimeout: CancelTimer;
}

/** A server message that answers a request by its ID. */
export type AnswerMessage = Extract<ServerMessage, { type: 'received' | 'reply' | 'error' }>;

/**
 * The requests sent to a remote venue and not yet answered, by request ID. Requests never wait to
 * be made: while the book holds (the connection is down, or its run not yet known) they queue, and
 * on every flush each one unanswered is sent again (the server ignores a child request ID it has
 * seen), so none is lost or doubled. A child request waits for `received`; a query for its reply,
 * failing with VenueTimeoutError after `timeoutMs`, connected or not.
 */
export class RequestBook {
  readonly #settings: RequestBookSettings;
  /** Unique to this client, so request IDs never collide with another exo's at the server. */
  readonly #session = randomUUID();
  readonly #waiting = new Map<string, ChildEntry | QueryEntry>();
  #requests = 0;
  #holding = true;
  #closed = false;

  constructor(settings: RequestBookSettings) {
    this.#settings = settings;
  }

  /** Requests not yet confirmed or answered. */
  get size(): number {
    return this.#waiting.size;
  }

  /** Whether requests queue rather than go out: until the first flush, and after each hold. */
  get holding(): boolean {
    return this.#holding;
  }

  /** A request ID unique to this client. */
  nextId(): string {
    return `${this.#session}:${++this.#requests}`;
  }

  /** Sends a child request until the server confirms it; refused at once once closed. */
  child(message: ClientMessageJSON, clOrdId: string, outcome: ChildOutcome): void {
    if (this.#closed) {
      outcome.refused(`venue ${this.#settings.name} is closed`);
      return;
    }
    const text = JSON.stringify(message);
    this.#enqueue(message.id, { kind: 'child', clOrdId, text, ...outcome });
  }

  /**
   * Sends a query until the server answers it, and reads the answer with `read`: an answer it
   * cannot read fails with VenueRequestError, as does a refusal. Fails with VenueClosedError once
   * closed.
   */
  query<T>(message: ClientMessageJSON, read: (result: unknown) => T): Promise<T> {
    const { name, clock, timeoutMs } = this.#settings;
    if (this.#closed) return Promise.reject(new VenueClosedError(name));
    const { id, type } = message;
    return new Promise<T>((resolve, reject) => {
      const cancelTimeout = clock.setTimer(clock.now() + timeoutMs, () => {
        this.#waiting.delete(id);
        reject(new VenueTimeoutError(name, type, timeoutMs));
      });
      const answer = (result: unknown) => {
        try {
          resolve(read(result));
        } catch (error) {
          reject(
            error instanceof ParseError ? new VenueRequestError(name, type, error.message) : error,
          );
        }
      };
      const text = JSON.stringify(message);
      this.#enqueue(id, { kind: 'query', text, name: type, answer, fail: reject, cancelTimeout });
    });
  }

  /** Sends every request waiting, and from now on each as it is made. */
  flush(): void {
    this.#holding = false;
    for (const entry of this.#waiting.values()) this.#settings.send(entry.text);
  }

  /** Queues requests from now on, until the next flush: the connection dropped. */
  hold(): void {
    this.#holding = true;
  }

  /** Drops the child requests still waiting for children the venue lost. */
  dropChildren(clOrdIds: ReadonlySet<string>): void {
    for (const [id, entry] of this.#waiting) {
      if (entry.kind === 'child' && clOrdIds.has(entry.clOrdId)) this.#waiting.delete(id);
    }
  }

  /** The server's answer to a request; an error that answers none waiting is told to onProblem. */
  answer(message: AnswerMessage): void {
    const entry = message.id === undefined ? undefined : this.#waiting.get(message.id);
    if (entry === undefined) {
      if (message.type === 'error') {
        this.#settings.onProblem(`venue ${this.#settings.name}: ${message.error}`);
      }
      return;
    }
    this.#waiting.delete(message.id!);
    if (entry.kind === 'child') {
      if (message.type === 'error') entry.refused(message.error);
      else entry.confirmed?.();
      return;
    }
    entry.cancelTimeout();
    if (message.type === 'reply') entry.answer(message.result);
    else {
      const reason = message.type === 'error' ? message.error : `unexpected ${message.type}`;
      entry.fail(new VenueRequestError(this.#settings.name, entry.name, reason));
    }
  }

  /**
   * Closes the book for good: queries waiting fail with VenueClosedError, and child requests the
   * server has not confirmed are dropped and named to onProblem.
   */
  close(): void {
    this.#closed = true;
    for (const [id, entry] of this.#waiting) {
      if (entry.kind === 'query') {
        entry.cancelTimeout();
        entry.fail(new VenueClosedError(this.#settings.name));
      } else {
        this.#settings.onProblem(`closed before the venue confirmed request ${id}: ${entry.text}`);
      }
    }
    this.#waiting.clear();
  }

  #enqueue(id: string, entry: ChildEntry | QueryEntry): void {
    this.#waiting.set(id, entry);
    if (!this.#holding) this.#settings.send(entry.text);
  }
}
