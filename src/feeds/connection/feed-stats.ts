/** What a feed has seen and done since it was created: counters only ever go up. */
export interface FeedStats {
  /** Frames received (data, heartbeats, replies, junk). */
  messages: number;
  /** Quotes delivered to a sink. */
  quotes: number;
  /** Trades delivered to a sink. */
  trades: number;
  /** Trades (by trade ID) and quotes (by sequence) already delivered, dropped. */
  duplicates: number;
  /** Quotes older than one already delivered, dropped. */
  outOfOrder: number;
  /** Frames or rows that could not be read (bad JSON, wrong types, missing fields). */
  malformed: number;
  /** Well-formed messages of a kind this feed does not know (new type, unknown table). */
  unknown: number;
  /** Error messages sent by the exchange. */
  exchangeErrors: number;
  /** Data for a symbol not subscribed (typically in flight across an unsubscribe), ignored. */
  ignored: number;
  /** Socket errors (refused, reset, bad handshake) and connections ended by the exchange. */
  connectionErrors: number;
  /** Connections lost (dropped or stalled) and replaced. */
  reconnects: number;
  /** Stalls detected: no data and no heartbeat within the stall timeout. */
  stalls: number;
  /** Periods with subscribed symbols and no live connection, each ended by a new live one. */
  gaps: number;
  /** Planned replacements of a connection before the exchange's lifetime limit. */
  rotations: number;
  /** Control messages sent (subscribe, unsubscribe, keep-alive pings). */
  controlMessages: number;
  /** Exceptions thrown by a sink while taking a quote or trade. */
  sinkErrors: number;
  /** Exceptions thrown by a listener of the feed's events (see `FeedAdapter.on`). */
  listenerErrors: number;
}

/** A fresh set of counters, all zero. */
export function newFeedStats(): FeedStats {
  return {
    messages: 0,
    quotes: 0,
    trades: 0,
    duplicates: 0,
    outOfOrder: 0,
    malformed: 0,
    unknown: 0,
    exchangeErrors: 0,
    ignored: 0,
    connectionErrors: 0,
    reconnects: 0,
    stalls: 0,
    gaps: 0,
    rotations: 0,
    controlMessages: 0,
    sinkErrors: 0,
    listenerErrors: 0,
  };
}
