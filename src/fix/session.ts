import type { CancelTimer } from '../core/clock.js';
import { ChunkGroup } from './chunk-group.js';
import { encodeFix } from './encode.js';
import { GapQueue, type HeldMessage } from './gap-queue.js';
import { Liveness } from './liveness.js';
import type { FixField, FixMessage } from './message.js';
import { parseFix } from './parse.js';
import type { FixProblem } from './problem.js';
import { planResend } from './resend.js';
import type {
  FixSessionCounters,
  FixSessionHandlers,
  FixSessionOptions,
  FixSessionState,
} from './session-options.js';
import { FixSplitter } from './splitter.js';
import { AdminMsgType, isAdminMsgType, SessionRejectReason, Tag } from './tags.js';
import { formatUtcTimestamp } from './timestamp.js';
import type { FixTransport } from './transport.js';
import { validateReceipt } from './validate.js';

/** How often the session checks its timers (heartbeat, TestRequest, logon and logout timeouts). */
const TICK_MS = 100;

/** Header fields of an outgoing message beyond MsgType/CompIDs/MsgSeqNum/SendingTime. */
interface SendOptions {
  readonly seq?: number;
  readonly possDup?: boolean;
  readonly origSendingTime?: string;
}

/**
 * One FIX 4.4 session, initiator or acceptor, as one state machine over a transport and a store:
 * Logon (with or without ResetSeqNumFlag), heartbeats and TestRequest, gap detection with
 * ResendRequest and a queue of what arrived early, resend answered from the store with PossDup
 * application messages and GapFills, SequenceReset, Logout, logon timeout, and session Rejects
 * for bad messages. Application messages and Rejects go to the owner in sequence order.
 * Time comes from the options' Clock only.
 */
export class FixSession {
  readonly counters: FixSessionCounters = {
    resendRequestsSent: 0,
    resendRequestsAnswered: 0,
    messagesResent: 0,
    gapFillsSent: 0,
    rejectsSent: 0,
    duplicatesDropped: 0,
    garbledDropped: 0,
  };
  #state: FixSessionState = 'disconnected';
  readonly #watchers = new Set<(state: FixSessionState, reason?: string) => void>();
  #transport: FixTransport | undefined;
  #splitter = new FixSplitter();
  #heartBtMs: number;
  #stateSince = 0;
  #liveness = new Liveness(0);
  #cancelTick: CancelTimer | undefined;
  readonly #gap = new GapQueue();
  readonly #group: ChunkGroup;

  constructor(
    readonly options: FixSessionOptions,
    readonly handlers: FixSessionHandlers,
  ) {
    this.#heartBtMs = options.heartBtIntSeconds * 1000;
    this.#group = new ChunkGroup(options.store, handlers.commit);
  }

  /** The current state. */
  get state(): FixSessionState {
    return this.#state;
  }

  /** Bytes sent on the current connection not yet taken by the OS (see FixTransport.backlog); 0 without one. */
  get backlog(): number {
    return this.#transport?.backlog?.() ?? 0;
  }

  /**
   * Calls `watcher` on every state change, besides the owner's handler: for what manages the
   * connection (reconnects, routing). Returns the call that stops it.
   */
  watch(watcher: (state: FixSessionState, reason?: string) => void): () => void {
    this.#watchers.add(watcher);
    return () => this.#watchers.delete(watcher);
  }

  /** Starts the session on a new connection; an initiator sends its Logon. A second connection while one is up is closed. */
  connect(transport: FixTransport): void {
    if (this.#transport !== undefined) {
      transport.close();
      return;
    }
    this.#transport = transport;
    this.#splitter = new FixSplitter();
    this.#liveness = new Liveness(this.#now());
    this.#setState('logging-on');
    // Events of a connection this session has since left (closed late, or replaced) are ignored.
    transport.attach({
      data: (chunk) => {
        if (this.#transport === transport) this.#receive(chunk);
      },
      closed: () => {
        if (this.#transport === transport) this.#disconnect('connection closed');
      },
    });
    this.#scheduleTick();
    if (this.options.role === 'initiator') this.#sendLogon(this.options.resetOnLogon === true);
  }

  /**
   * Sends an application message and returns its MsgSeqNum. It is stored first; when the session
   * is not logged on it is only stored, and goes out when the counterparty asks for the gap.
   */
  send(msgType: string, body: readonly FixField[]): number {
    if (isAdminMsgType(msgType))
      throw new Error(`MsgType ${msgType} is session-level; the session sends it itself`);
    return this.#send(msgType, body, {}, this.#state === 'active');
  }

  /** Starts the Logout handshake: the connection closes when answered or after the logout timeout. */
  logout(text?: string): void {
    if (this.#state !== 'active') return;
    this.#send(AdminMsgType.Logout, text === undefined ? [] : [[Tag.Text, text]]);
    this.#setState('logging-out');
  }

  /** Closes the connection now, without Logout. */
  disconnect(reason = 'disconnected by owner'): void {
    this.#disconnect(reason);
  }

  #now(): number {
    return this.options.clock.now();
  }

  #setState(state: FixSessionState, reason?: string): void {
    this.#state = state;
    this.#stateSince = this.#now();
    this.handlers.state?.(state, reason);
    for (const watcher of this.#watchers) watcher(state, reason);
  }

  #send(
    msgType: string,
    body: readonly FixField[],
    opts: SendOptions = {},
    transmit = true,
  ): number {
    const store = this.options.store;
    const seq = opts.seq ?? store.nextSenderSeq;
    const now = formatUtcTimestamp(this.#now());
    const fields: FixField[] = [
      [Tag.MsgType, msgType],
      [Tag.SenderCompID, this.options.senderCompId],
      [Tag.TargetCompID, this.options.targetCompId],
      [Tag.MsgSeqNum, String(seq)],
    ];
    if (opts.possDup === true) fields.push([Tag.PossDupFlag, 'Y']);
    fields.push([Tag.SendingTime, now]);
    if (opts.possDup === true) fields.push([Tag.OrigSendingTime, opts.origSendingTime ?? now]);
    fields.push(...body);
    const raw = encodeFix(fields);
    if (opts.seq === undefined) store.recordSent(seq, this.#replayable(msgType) ? raw : undefined);
    if (transmit && this.#transport !== undefined) {
      if (!this.#group.queue(this.#transport, raw)) this.#transport.send(raw);
      this.#liveness.sent(this.#now());
    }
    return seq;
  }

  /** Whether a message of this type is stored in full, to be replayed on resend. */
  #replayable(msgType: string): boolean {
    return !isAdminMsgType(msgType) && this.options.replayable?.(msgType) !== false;
  }

  #sendLogon(reset: boolean): void {
    const store = this.options.store;
    if (reset && this.options.role === 'initiator') store.reset();
    const body: FixField[] = [
      [Tag.EncryptMethod, '0'],
      [Tag.HeartBtInt, String(this.#heartBtMs / 1000)],
    ];
    if (reset) body.push([Tag.ResetSeqNumFlag, 'Y']);
    this.#send(AdminMsgType.Logon, body);
  }

  /**
   * Handles one received chunk. With fsync 'always' the chunk is one commit (ChunkGroup): one
   * fsync of the owner's records and one of the store, before anything acts on them or anything
   * they caused goes out; with 'batch' the store is forced to disk after it.
   */
  #receive(chunk: Uint8Array): void {
    this.#liveness.received(this.#now());
    this.#group.begin();
    try {
      for (const frame of this.#splitter.push(chunk)) {
        if (this.#transport === undefined) break;
        this.#frame(frame);
      }
    } finally {
      this.#group.commit();
      this.options.store.sync();
    }
  }

  #frame(frame: Buffer): void {
    const { message, problem: parseProblem } = parseFix(frame);
    const problem =
      parseProblem ??
      validateReceipt(message, {
        ourCompId: this.options.senderCompId,
        theirCompId: this.options.targetCompId,
        now: this.#now(),
        maxSkewMs: this.options.maxSkewMs ?? 120_000,
      });
    if (problem?.kind === 'garbled') {
      this.counters.garbledDropped++;
      return;
    }
    if (this.#state === 'logging-on') {
      this.#logonPhase(message, problem);
      return;
    }
    if (problem !== undefined) {
      this.#rejectMessage(message, problem);
      return;
    }
    this.#sequenced(message);
  }

  /** Before logon only a valid Logon is acceptable; anything else ends the connection. */
  #logonPhase(message: FixMessage, problem: FixProblem | undefined): void {
    if (message.msgType !== AdminMsgType.Logon) {
      this.#logoutAndClose('First message is not a Logon');
      return;
    }
    if (problem !== undefined) {
      this.#disconnect(`invalid Logon: ${problem.text}`);
      return;
    }
    const heartBtInt = message.int(Tag.HeartBtInt);
    if (heartBtInt === undefined || heartBtInt === 0) {
      this.#logoutAndClose('Logon without a valid HeartBtInt');
      return;
    }
    const store = this.options.store;
    const reset = message.flag(Tag.ResetSeqNumFlag);
    if (reset) {
      if (this.options.role === 'acceptor') store.reset();
      else store.setNextTarget(1);
    }
    const seq = message.int(Tag.MsgSeqNum) ?? 0;
    const expected = store.nextTargetSeq;
    if (seq < expected) {
      this.#logoutAndClose(`MsgSeqNum too low, expecting ${expected} but received ${seq}`);
      return;
    }
    if (this.options.role === 'acceptor') {
      this.#heartBtMs = heartBtInt * 1000;
      this.#sendLogon(reset);
    }
    this.#setState('active');
    if (seq > expected) {
      if (this.#gap.hold(seq, 'consumed', expected)) this.#requestResend(expected);
    } else {
      store.setNextTarget(seq + 1);
    }
  }

  /** Applies the sequence rules to a valid message received while logged on. */
  #sequenced(message: FixMessage): void {
    const store = this.options.store;
    const seq = message.int(Tag.MsgSeqNum) ?? 0;
    const expected = store.nextTargetSeq;
    const type = message.msgType;
    if (type === AdminMsgType.SequenceReset && !message.flag(Tag.GapFillFlag)) {
      this.#sequenceReset(message, seq);
      return;
    }
    if (seq < expected) {
      if (message.flag(Tag.PossDupFlag)) this.counters.duplicatesDropped++;
      else this.#logoutAndClose(`MsgSeqNum too low, expecting ${expected} but received ${seq}`);
      return;
    }
    if (seq > expected) {
      let held: HeldMessage = message;
      if (type === AdminMsgType.ResendRequest || type === AdminMsgType.Logout) {
        this.#process(message, seq);
        if (type === AdminMsgType.Logout) return;
        held = 'consumed';
      }
      if (this.#gap.hold(seq, held, expected)) this.#requestResend(expected);
      return;
    }
    this.#process(message, seq);
    this.#releaseHeld();
  }

  /** Acts on what waited behind a gap, in order, as far as the gap has filled. */
  #releaseHeld(): void {
    const store = this.options.store;
    while (this.#transport !== undefined) {
      const next = store.nextTargetSeq;
      const held = this.#gap.take(next);
      if (held === undefined) break;
      if (held === 'consumed') store.setNextTarget(next + 1);
      else this.#process(held, next);
    }
  }

  /** Acts on an in-sequence message (or a ResendRequest/Logout ahead of a gap) and advances the expected number. */
  #process(message: FixMessage, seq: number): void {
    const store = this.options.store;
    const inSequence = seq === store.nextTargetSeq;
    let next = seq + 1;
    switch (message.msgType) {
      case AdminMsgType.Heartbeat:
      case AdminMsgType.Logon:
        break;
      case AdminMsgType.TestRequest:
        this.#send(AdminMsgType.Heartbeat, [[Tag.TestReqID, message.get(Tag.TestReqID) ?? '']]);
        break;
      case AdminMsgType.ResendRequest:
        this.#answerResend(message);
        break;
      case AdminMsgType.SequenceReset: {
        const newSeq = message.int(Tag.NewSeqNo);
        if (newSeq === undefined || newSeq <= seq) {
          this.#reject(
            seq,
            message.msgType,
            SessionRejectReason.ValueIncorrect,
            Tag.NewSeqNo,
            'NewSeqNo must be above MsgSeqNum',
          );
        } else {
          next = newSeq;
        }
        break;
      }
      case AdminMsgType.Logout:
        if (inSequence) store.setNextTarget(next);
        if (this.#state !== 'logging-out') this.#send(AdminMsgType.Logout, []);
        this.#disconnect(
          `Logout received${message.has(Tag.Text) ? `: ${message.get(Tag.Text)}` : ''}`,
        );
        return;
      default:
        this.handlers.message(message);
    }
    if (inSequence) store.setNextTarget(next);
  }

  /** SequenceReset-Reset: the expected number jumps to NewSeqNo whatever the MsgSeqNum; it may not go back. */
  #sequenceReset(message: FixMessage, seq: number): void {
    const store = this.options.store;
    const newSeq = message.int(Tag.NewSeqNo);
    if (newSeq === undefined || newSeq < store.nextTargetSeq) {
      this.#reject(
        seq,
        message.msgType,
        SessionRejectReason.ValueIncorrect,
        Tag.NewSeqNo,
        'NewSeqNo may not lower the sequence',
      );
      return;
    }
    store.setNextTarget(newSeq);
    this.#releaseHeld();
  }

  #answerResend(message: FixMessage): void {
    const store = this.options.store;
    const begin = message.int(Tag.BeginSeqNo) ?? 1;
    const end = message.int(Tag.EndSeqNo) ?? 0;
    const lastSent = store.nextSenderSeq - 1;
    const last = end === 0 || end > lastSent ? lastSent : end;
    this.counters.resendRequestsAnswered++;
    for (const item of planResend(Math.max(1, begin), last, (seq) => store.sentMessage(seq))) {
      if (item.msgType === AdminMsgType.SequenceReset) this.counters.gapFillsSent++;
      else this.counters.messagesResent++;
      this.#send(item.msgType, item.body, {
        seq: item.seq,
        possDup: true,
        ...(item.origSendingTime === undefined ? {} : { origSendingTime: item.origSendingTime }),
      });
    }
  }

  #requestResend(from: number): void {
    this.counters.resendRequestsSent++;
    this.#send(AdminMsgType.ResendRequest, [
      [Tag.BeginSeqNo, String(from)],
      [Tag.EndSeqNo, '0'],
    ]);
  }

  /** Answers an invalid message with a Reject (3); it still spends its MsgSeqNum when in sequence. */
  #rejectMessage(message: FixMessage, problem: Extract<FixProblem, { kind: 'reject' }>): void {
    const seq = message.int(Tag.MsgSeqNum) ?? 0;
    this.#reject(seq, message.msgType, problem.reason, problem.refTagId, problem.text);
    if (problem.logout === true) {
      this.#logoutAndClose(problem.text);
      return;
    }
    if (seq === this.options.store.nextTargetSeq) {
      this.options.store.setNextTarget(seq + 1);
      this.#releaseHeld();
    }
  }

  #reject(
    seq: number,
    msgType: string,
    reason: number,
    refTagId: number | undefined,
    text: string,
  ): void {
    this.counters.rejectsSent++;
    const body: FixField[] = [[Tag.RefSeqNum, String(seq)]];
    if (refTagId !== undefined) body.push([Tag.RefTagID, String(refTagId)]);
    if (msgType !== '') body.push([Tag.RefMsgType, msgType]);
    body.push([Tag.SessionRejectReason, String(reason)], [Tag.Text, text]);
    this.#send(AdminMsgType.Reject, body);
  }

  #logoutAndClose(text: string): void {
    this.#send(AdminMsgType.Logout, [[Tag.Text, text]]);
    this.#disconnect(text);
  }

  #disconnect(reason: string): void {
    const transport = this.#transport;
    if (transport === undefined) return;
    this.#transport = undefined;
    this.#cancelTick?.();
    this.#cancelTick = undefined;
    this.#gap.clear();
    // What this chunk recorded and sent (a Logout) goes to disk and out before the connection ends.
    this.#group.commit();
    this.options.store.sync();
    transport.close();
    this.#setState('disconnected', reason);
  }

  #scheduleTick(): void {
    this.#cancelTick = this.options.clock.setTimer(this.#now() + TICK_MS, () => {
      this.#tick();
      if (this.#transport !== undefined) this.#scheduleTick();
    });
  }

  #tick(): void {
    const now = this.#now();
    if (this.#state === 'logging-on') {
      if (now - this.#stateSince >= (this.options.logonTimeoutMs ?? 10_000))
        this.#disconnect('logon timeout');
      return;
    }
    if (this.#state === 'logging-out') {
      if (now - this.#stateSince >= (this.options.logoutTimeoutMs ?? 2_000))
        this.#disconnect('logout timeout');
      return;
    }
    const due = this.#liveness.due(now, this.#heartBtMs);
    if (due.dead) {
      this.#disconnect('TestRequest unanswered');
      return;
    }
    if (due.testReqId !== undefined)
      this.#send(AdminMsgType.TestRequest, [[Tag.TestReqID, due.testReqId]]);
    if (due.heartbeat) this.#send(AdminMsgType.Heartbeat, []);
  }
}
