import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { VirtualClock } from '../../src/core/clock.js';
import { fixChecksum } from '../../src/fix/checksum.js';
import type { FixMessage } from '../../src/fix/message.js';
import { parseFix } from '../../src/fix/parse.js';
import { FixSession } from '../../src/fix/session.js';
import type { FixRole, FixSessionState } from '../../src/fix/session-options.js';
import { FixSplitter } from '../../src/fix/splitter.js';
import { FixStore } from '../../src/fix/store.js';
import { formatUtcTimestamp } from '../../src/fix/timestamp.js';
import { type MemoryEnd, memoryPair } from './memory-transport.js';

/** 2026-12-06 03:00 UTC: SendingTime checks need a realistic clock. */
export const START = Date.UTC(2026, 11, 6, 3, 0, 0);

/** A session under test with its store file, what it handed to its owner and its state changes. */
export interface Side {
  session: FixSession;
  readonly storePath: string;
  readonly received: FixMessage[];
  readonly states: Array<[FixSessionState, string | undefined]>;
}

/** A new temporary store file path. */
export function storePath(): string {
  return join(mkdtempSync(join(tmpdir(), 'exo-fix-session-')), 'session.store');
}

/** A session on `clock` with the given role (EXO is the initiator's CompID, VENUE the acceptor's). */
export function side(
  clock: VirtualClock,
  role: FixRole,
  path = storePath(),
  heartBtIntSeconds = 30,
  resetOnLogon = false,
): Side {
  const received: FixMessage[] = [];
  const states: Array<[FixSessionState, string | undefined]> = [];
  const [sender, target] = role === 'initiator' ? ['EXO', 'VENUE'] : ['VENUE', 'EXO'];
  const session = new FixSession(
    {
      role,
      senderCompId: sender,
      targetCompId: target,
      heartBtIntSeconds,
      store: FixStore.open(path, 'never'),
      clock,
      resetOnLogon,
    },
    { message: (m) => received.push(m), state: (s, reason) => states.push([s, reason]) },
  );
  return { session, storePath: path, received, states };
}

/** Connects an initiator and an acceptor through an in-memory pair and lets the Logon exchange run. */
export function connect(
  clock: VirtualClock,
  initiator: Side,
  acceptor: Side,
): [MemoryEnd, MemoryEnd] {
  const [i, a] = memoryPair(clock);
  acceptor.session.connect(a);
  initiator.session.connect(i);
  clock.advance(0);
  return [i, a];
}

/** Reopens a side's store in a new session object, as a restarted process would. */
export function restart(clock: VirtualClock, old: Side, role: FixRole): Side {
  old.session.options.store.close();
  return side(clock, role, old.storePath);
}

/** Every message in the chunks an end sent, parsed. */
export function messagesIn(end: MemoryEnd): FixMessage[] {
  const splitter = new FixSplitter();
  return end.sent.flatMap((chunk) => splitter.push(chunk)).map((f) => parseFix(f).message);
}

/** A frame with the given body text (tag=value|... with '|' for SOH), correct BodyLength and CheckSum: for hand-made bad messages. */
export function rawFrame(body: string): Buffer {
  const text = body.replaceAll('|', '\x01');
  const head = Buffer.from(`8=FIX.4.4\x019=${Buffer.byteLength(text)}\x01${text}`);
  return Buffer.concat([head, Buffer.from(`10=${fixChecksum(head)}\x01`)]);
}

/** Header text of a message from EXO to VENUE with `seq`, sent at the clock's now. */
export function exoHeader(type: string, seq: number, clock: VirtualClock): string {
  return `35=${type}|49=EXO|56=VENUE|34=${seq}|52=${formatUtcTimestamp(clock.now())}|`;
}
