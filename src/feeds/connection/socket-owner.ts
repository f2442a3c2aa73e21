import type { Clock } from '../../core/clock.js';
import type { FeedProblemKind } from './feed-events.js';
import type { FeedStats } from './feed-stats.js';
import type { FrameHandler } from './venue-protocol.js';
import type { VenueSocket } from './venue-socket.js';

/**
 * What a connection reports to the feed that owns it: lifecycle (live, lost, stalled), the data it
 * read (in the parsers' own terms), and problems. The feed decides what happens next (replace, hand over, deliver or drop).
 */
export interface SocketOwner extends Pick<FrameHandler, 'quote' | 'trade' | 'pastTrade'> {
  readonly clock: Clock;
  readonly stats: FeedStats;
  /** The venue symbols the feed wants now: each connection subscribes towards this set. */
  wanted(): ReadonlySet<string>;
  /** The connection confirmed a subscription or delivered data (or had nothing to subscribe). */
  live(socket: VenueSocket): void;
  /** The venue or the network ended the connection. */
  lost(socket: VenueSocket, reason: string): void;
  /** Nothing arrived within the stall timeout. */
  stalled(socket: VenueSocket): void;
  problem(kind: FeedProblemKind, text: string, frame?: string): void;
}
