import { connect, type Socket } from 'node:net';
import { encodeFix } from '../../../src/fix/encode.js';
import type { FixField, FixMessage } from '../../../src/fix/message.js';
import { parseFix } from '../../../src/fix/parse.js';
import { FixSplitter } from '../../../src/fix/splitter.js';
import { formatUtcTimestamp } from '../../../src/fix/timestamp.js';

/**
 * A bare TCP connection to the FIX venue for the session-level rows of the reject table: the
 * test writes whatever bytes it likes (torn, garbled, out of order) and reads what comes back.
 */
export class RawFix {
  readonly received: FixMessage[] = [];
  closed = false;
  seq = 1;
  readonly #socket: Socket;
  readonly #splitter = new FixSplitter();

  private constructor(socket: Socket) {
    this.#socket = socket;
    socket.on('data', (chunk) => {
      for (const frame of this.#splitter.push(chunk)) this.received.push(parseFix(frame).message);
    });
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {});
  }

  /** Connects to the venue on `port`. */
  static open(port: number): Promise<RawFix> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => resolve(new RawFix(socket)));
      socket.once('error', reject);
    });
  }

  /** A well-formed message from `sender` to `target` with the next MsgSeqNum (header fields overridable). */
  frame(
    msgType: string,
    body: FixField[],
    header: Partial<Record<49 | 56 | 34 | 52, string>> = {},
  ): Buffer {
    return encodeFix([
      [35, msgType],
      [49, header[49] ?? this.sender],
      [56, header[56] ?? 'PAPER'],
      [34, header[34] ?? String(this.seq++)],
      [52, header[52] ?? formatUtcTimestamp(Date.now())],
      ...body,
    ]);
  }

  sender = 'R1';

  /** Writes bytes as they are. */
  write(bytes: Buffer | string): void {
    this.#socket.write(bytes);
  }

  /** Sends a well-formed message. */
  send(
    msgType: string,
    body: FixField[],
    header: Partial<Record<49 | 56 | 34 | 52, string>> = {},
  ): void {
    this.write(this.frame(msgType, body, header));
  }

  /** Logs on with ResetSeqNumFlag=Y and resolves with the venue's Logon. */
  async logon(): Promise<FixMessage> {
    this.seq = 1;
    this.send('A', [
      [98, '0'],
      [108, '30'],
      [141, 'Y'],
    ]);
    return this.message((m) => m.msgType === 'A');
  }

  /** Resolves with the first message received (from `from` on) satisfying `test`. */
  async message(
    test: (m: FixMessage) => boolean,
    from = 0,
    timeoutMs = 10_000,
  ): Promise<FixMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.slice(from).find(test);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no matching message; closed=${this.closed}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  /** Resolves once the venue has closed the connection. */
  async untilClosed(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error('connection still open');
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }

  close(): void {
    this.#socket.destroy();
  }
}
