import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VirtualClock } from '../../../src/core/clock.js';
import type { FixField, FixMessage } from '../../../src/fix/message.js';
import { FixSession } from '../../../src/fix/session.js';
import { FixStore, type FsyncPolicy } from '../../../src/fix/store.js';
import { formatUtcTimestamp } from '../../../src/fix/timestamp.js';
import { decimal } from '../../../src/market/decimal.js';
import type { Report } from '../../../src/market/report.js';
import { FixVenue } from '../../../src/venues/fix/index.js';
import type { ChildOrderRequest } from '../../../src/venues/venue.js';
import { type MemoryEnd, memoryPair } from '../../fix/memory-transport.js';
import { messagesIn, rawFrame, START } from '../../fix/session-harness.js';

/** A report exo heard, with the cursor passed along. */
export type Heard = readonly [Report, string | undefined];

/**
 * A FixVenue (exo's initiator, EXO) against a scripted counterparty: a FixSession acting as the
 * acceptor (VENUE) over an in-memory connection, on a virtual clock. The counterparty sends what
 * the test tells it to; `pump` lets messages, dials and timers due now run.
 */
export class FixHarness {
  readonly clock = new VirtualClock(START);
  readonly dir = mkdtempSync(join(tmpdir(), 'exo-fix-venue-'));
  readonly venueStorePath = join(this.dir, 'venue.store');
  readonly exoDir = join(this.dir, 'exo');
  /** What the counterparty received, in order. */
  readonly received: FixMessage[] = [];
  readonly heard: Heard[] = [];
  readonly problems: string[] = [];
  counterparty: FixSession;
  venue: FixVenue;
  /** exo's end of every connection so far. */
  readonly exoEnds: MemoryEnd[] = [];
  /** The counterparty's end of the current connection. */
  end: MemoryEnd | undefined;
  /** While false, dials fail (the counterparty is down). */
  reachable = true;

  /** `fsync`: the policy of exo's store and order log (the counterparty's never fsyncs). */
  constructor(readonly fsync: FsyncPolicy = 'never') {
    this.counterparty = this.#counterparty();
    this.venue = this.#venue();
  }

  /** Lets every dial, message and timer due now run. */
  async pump(): Promise<void> {
    for (let i = 0; i < 6; i++) {
      await new Promise((resolve) => setImmediate(resolve));
      this.clock.advance(0);
    }
  }

  /** Moves the clock on by `ms`, pumping as it goes. */
  async advance(ms: number): Promise<void> {
    this.clock.advance(ms);
    await this.pump();
  }

  /** Messages of `type` the counterparty received. */
  got(type: string): FixMessage[] {
    return this.received.filter((m) => m.msgType === type);
  }

  /** Every message of `type` exo sent (session-level ones too), over every connection. */
  sentByExo(type: string): FixMessage[] {
    return this.exoEnds.flatMap((end) => messagesIn(end)).filter((m) => m.msgType === type);
  }

  /** The last message of `type` the counterparty received. */
  last(type: string): FixMessage {
    const message = this.got(type).at(-1);
    if (message === undefined) throw new Error(`the counterparty received no ${type}`);
    return message;
  }

  /** Sends an application message from the counterparty (by tag number) and pumps. */
  async send(type: string, fields: Record<number, string> | FixField[]): Promise<void> {
    const body: FixField[] = Array.isArray(fields)
      ? fields
      : Object.entries(fields).map(([tag, value]): FixField => [Number(tag), value]);
    this.counterparty.send(type, body);
    await this.pump();
  }

  /**
   * Sends a session-level message (a Reject) from the counterparty, as its engine would: with the
   * next MsgSeqNum, recorded in its store so that its sequence stays right.
   */
  async sendAdmin(type: string, fields: Record<number, string>): Promise<void> {
    const store = this.counterparty.options.store;
    const seq = store.nextSenderSeq;
    store.recordSent(seq);
    const header = `35=${type}|49=VENUE|56=EXO|34=${seq}|52=${formatUtcTimestamp(this.clock.now())}|`;
    const body = Object.entries(fields)
      .map(([tag, value]) => `${tag}=${value}|`)
      .join('');
    this.end?.send(rawFrame(header + body));
    await this.pump();
  }

  /** An ExecutionReport about the D (or G/F) the counterparty received as `request`. */
  async report(request: FixMessage, fields: Record<number, string>): Promise<void> {
    await this.send('8', [
      [37, fields[37] ?? `V-${request.get(11)}`],
      [11, request.get(11) ?? ''],
      ...(request.has(41) ? [[41, request.get(41)!] as FixField] : []),
      ...Object.entries(fields)
        .filter(([tag]) => tag !== '37')
        .map(([tag, value]): FixField => [Number(tag), value]),
      [55, request.get(55) ?? 'BTC-USD'],
      [54, request.get(54) ?? '1'],
    ]);
  }

  /** Drops the connection from the counterparty's side. */
  async drop(): Promise<void> {
    this.counterparty.disconnect('dropped by test');
    await this.pump();
  }

  /**
   * Ends exo's venue and opens a new one on the same directory, as a restarted exo would: with
   * `crash`, without Logout (the connection just drops, as at kill -9), and `between` runs while
   * exo is down.
   */
  async restartExo(crash = false, between: () => Promise<void> = async () => {}): Promise<void> {
    if (crash) {
      this.reachable = false;
      await this.drop();
    }
    const closing = this.venue.close();
    await this.pump();
    await closing;
    await between();
    this.reachable = true;
    this.venue = this.#venue();
    await this.pump();
  }

  #venue(): FixVenue {
    const venue = new FixVenue({
      dial: async () => {
        if (!this.reachable) throw new Error('unreachable');
        const [exoEnd, venueEnd] = memoryPair(this.clock);
        this.end = venueEnd;
        this.exoEnds.push(exoEnd);
        this.counterparty.connect(venueEnd);
        return exoEnd;
      },
      senderCompId: 'EXO',
      targetCompId: 'VENUE',
      storeDir: this.exoDir,
      fsync: this.fsync,
      clock: this.clock,
      reconnect: { initialMs: 100, maxMs: 100 },
      queryTimeoutMs: 1000,
      onProblem: (problem) => this.problems.push(problem),
    });
    venue.onReport((report, cursor) => this.heard.push([report, cursor]));
    return venue;
  }

  #counterparty(): FixSession {
    return new FixSession(
      {
        role: 'acceptor',
        senderCompId: 'VENUE',
        targetCompId: 'EXO',
        heartBtIntSeconds: 30,
        store: FixStore.open(this.venueStorePath, 'never'),
        clock: this.clock,
      },
      { message: (m) => this.received.push(m) },
    );
  }
}

/** A child request of parent `parent` (a long exo-like ID), limit by default. */
export function child(n: number, over: Partial<ChildOrderRequest> = {}): ChildOrderRequest {
  const parentId = 'exo-mj8x2k1a-0a1b2c3d-1z';
  return {
    clOrdId: `${parentId}-${n}`,
    parentId,
    symbol: 'BTC-USD',
    side: 'buy',
    quantity: decimal('1.5'),
    limitPrice: decimal('100.25'),
    timeInForce: 'gtc',
    ...over,
  };
}

/** The fields of an acknowledgement (ExecType 0) of a 1.5 order, with its ExecID. */
export function ack(execId: string): Record<number, string> {
  return { 17: execId, 150: '0', 39: '0', 151: '1.5', 14: '0' };
}

/** Starts a harness and lets the first Logon complete. */
export async function loggedOn(): Promise<FixHarness> {
  const h = new FixHarness();
  await h.pump();
  return h;
}
