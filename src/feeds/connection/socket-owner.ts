import type { Clock } from '../../core/clock.js';
import type { FrameHandler } from './exchange-protocol.js';
import type { ExchangeSocket } from './exchange-socket.js';
import type { FeedProblemKind } from './feed-events.js';
import type { FeedStats } from './feed-stats.js';

/**
 * What a connection reports to the feed that owns it: lifecycle (live, lost, stalled), the data it
 * read (in the parsers' own terms), and problems. The feed decides what happens next (replace, hand over, deliver or drop).
 */
export interface SocketOwner extends Pick<FrameHandler, 'quote' | 'trade' | 'pastTrade'> {
  readonly clock: Clock;
  readonly stats: FeedStats;
  /** The exchange symbols the feed wants now: each connection subscribes towards this set. */
  wanted(): ReadonlySet<string>;
  /** The connection confirmed a subscription or delivered data (or had nothing to subscribe). */
  live(socket: ExchangeSocket): void;
  /** The exchange or the network ended the connection. */
  lost(socket: ExchangeSocket, reason: string): void;
  /** Nothing arrived within the stall timeout. */
  stalled(socket: ExchangeSocket): void;
  problem(kind: FeedProblemKind, text: string, frame?: string): void;
}
