/**
 * One rate limit a venue enforces on exo (Binance's ORDERS per 10 s, say), with what exo has used
 * of it in its current window: what an operator watches to see a ban coming.
 */
export interface VenueRateLimit {
  /** The venue's name for it, with its window: `ORDERS 10s`. */
  readonly name: string;
  readonly used: number;
  readonly limit: number;
}

/**
 * How the link to a venue reached over a connection stands now (see Venue.link): what `/metrics`,
 * `GET /v1/venue` and the dashboard show, so that an operator sees a venue that drops, restarts,
 * leaves requests unanswered or is about to refuse exo.
 */
export interface VenueLink {
  /** Whether the connection is up now. */
  readonly connected: boolean;
  /** How many times a connection opened: 2 after the first reconnect. */
  readonly connections: number;
  /** How many reconnections found the venue restarted (its book lost or reloaded). */
  readonly restarts: number;
  /** Children sent and not seen to end. */
  readonly working: number;
  /** Requests and queries the venue has not answered yet. */
  readonly unconfirmed: number;
  /** Whether reports are held while what a dropped connection missed is caught up on. */
  readonly catchingUp: boolean;
  /** The venue's rate limits and their use, for venues that publish them. */
  readonly rateLimits?: readonly VenueRateLimit[];
  /** Why order entry is stopped (banned by the venue, say); absent while exo may send. */
  readonly stopped?: string;
  /**
   * The link's own counts of what it recovered or refused since exo started, by name (a FIX
   * session's resends, gap fills, rejects and duplicates dropped), for venues that keep them.
   */
  readonly counters?: Readonly<Record<string, number>>;
}
