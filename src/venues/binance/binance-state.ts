/**
 * What the Binance adapter adds to its link (BinanceVenue.state) for the metrics and events: its
 * own counters and the clock offset, beside what every connected venue shows (Venue.link).
 */
export interface BinanceVenueState {
  /** Connections rotated (serverShutdown, age). */
  readonly rotations: number;
  /** Reports or trades seen again and dropped. */
  readonly duplicates: number;
  /** Order requests whose outcome was unknown. */
  readonly unknown: number;
  /** REST reconciliations after a gap. */
  readonly reconciliations: number;
  /** Requests that had to wait for the rate limits. */
  readonly heldBack: number;
  /** Binance's clock minus exo's, as last measured. */
  readonly clockOffsetMs: number;
}
