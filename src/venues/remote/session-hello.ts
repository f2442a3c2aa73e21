import { parseHello } from '../wire/venue-answer-json.js';
import type { ClientMessageJSON, ServerMessage } from '../wire/venue-protocol.js';

/** What a session hello needs of the remote venue it works for. */
export interface SessionHelloHost {
  readonly name: string;
  /** Whether to ask the venue to cancel this client's working orders when its connection drops. */
  readonly cancelOnDisconnect: boolean;
  readonly onProblem: (problem: string) => void;
  /** A request ID unique to this client. */
  nextId(): string;
  /** Sends a message on the current connection. */
  send(text: string): void;
}

/**
 * The options a remote venue asks for on each connection, in a `hello` sent right after the
 * welcome and before any request, so that the venue holds them for every request on it. Only
 * cancel-on-disconnect so far: without it nothing is sent (older servers know no hello). A venue
 * that refuses the hello offers no such option: `onProblem` hears it, and exo trades on without.
 */
export class SessionHello {
  readonly #host: SessionHelloHost;
  /** The hello sent on the current connection, until answered. */
  #waiting: string | undefined;
  #cancelsOnDisconnect = false;

  constructor(host: SessionHelloHost) {
    this.#host = host;
  }

  /** Whether the venue confirmed, on the current connection, that it cancels on disconnect. */
  get cancelsOnDisconnect(): boolean {
    return this.#cancelsOnDisconnect;
  }

  /** A connection was welcomed: says hello on it, when there is anything to ask. */
  welcomed(): void {
    this.#cancelsOnDisconnect = false;
    if (!this.#host.cancelOnDisconnect) return;
    const id = this.#host.nextId();
    this.#waiting = id;
    const hello: ClientMessageJSON = { type: 'hello', id, cancelOnDisconnect: true };
    this.#host.send(JSON.stringify(hello));
  }

  /** Takes the answer to the hello in progress; false for any other message. */
  answer(message: Extract<ServerMessage, { type: 'reply' | 'error' }>): boolean {
    if (this.#waiting === undefined || message.id !== this.#waiting) return false;
    this.#waiting = undefined;
    const { name, onProblem } = this.#host;
    if (message.type === 'error') {
      onProblem(`venue ${name} does not offer cancel-on-disconnect: ${message.error}`);
      return true;
    }
    try {
      this.#cancelsOnDisconnect = parseHello(message.result, 'reply.result').cancelOnDisconnect;
    } catch (error) {
      onProblem(`venue ${name} answered the hello unreadably: ${String(error)}`);
    }
    return true;
  }
}
