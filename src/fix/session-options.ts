import type { Clock } from '../core/clock.js';
import type { ChunkCommitHooks } from './chunk-group.js';
import type { FixMessage } from './message.js';
import type { FixStore } from './store.js';

/** Which side opens the connection and sends the first Logon. */
export type FixRole = 'initiator' | 'acceptor';

/** Where a session is: no connection, Logon exchange under way, logged on, or Logout sent and awaited. */
export type FixSessionState = 'disconnected' | 'logging-on' | 'active' | 'logging-out';

/** Settings of one FIX session (one pair of CompIDs). */
export interface FixSessionOptions {
  readonly role: FixRole;
  readonly senderCompId: string;
  readonly targetCompId: string;
  /** HeartBtInt (108) in seconds: sent by the initiator; an acceptor adopts the counterparty's. */
  readonly heartBtIntSeconds: number;
  readonly store: FixStore;
  readonly clock: Clock;
  /** Initiator: send ResetSeqNumFlag=Y on Logon and start both sequences at 1. Off by default: sequences resume. */
  readonly resetOnLogon?: boolean;
  /** Close the connection when no Logon exchange completes within this long (default 10 s). */
  readonly logonTimeoutMs?: number;
  /** Close the connection when our Logout is not answered within this long (default 2 s). */
  readonly logoutTimeoutMs?: number;
  /** Largest accepted SendingTime distance from our clock (default 120 s). */
  readonly maxSkewMs?: number;
  /**
   * Whether an application message of this MsgType is kept in full for resend; one that is not
   * (market data, whose stale quotes must never be replayed) is stored as a number only and a
   * ResendRequest gap-fills it like an admin message. Default: every application message is kept.
   */
  readonly replayable?: (msgType: string) => boolean;
}

/** What a session tells its owner. */
export interface FixSessionHandlers {
  /** An application message (including j and 9) or a session Reject (3), in sequence order, once. */
  message(message: FixMessage): void;
  /** The session changed state; `reason` says why when it disconnected or logged out. */
  state?(state: FixSessionState, reason?: string): void;
  /** With a store fsyncing 'always': how the owner joins each received chunk's commit (ChunkGroup). */
  readonly commit?: ChunkCommitHooks;
}

/** Counters of what the session did beyond the ordinary flow, for metrics and tests. */
export interface FixSessionCounters {
  resendRequestsSent: number;
  resendRequestsAnswered: number;
  messagesResent: number;
  gapFillsSent: number;
  rejectsSent: number;
  duplicatesDropped: number;
  garbledDropped: number;
}
