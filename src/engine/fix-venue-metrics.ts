import type { Registry } from 'prom-client';
import { scrapedCounter } from './scraped-counter.js';

/** What the FIX metrics read: a FIX venue's session counters and its adapter's (FixVenue). */
export interface ObservableFixVenue {
  readonly name: string;
  readonly session: {
    readonly counters: {
      readonly resendRequestsSent: number;
      readonly messagesResent: number;
      readonly gapFillsSent: number;
      readonly rejectsSent: number;
      readonly duplicatesDropped: number;
    };
  };
  readonly counters: { readonly duplicateReports: number; readonly rejects: number };
}

/**
 * Adds a FIX venue's session and adapter counters to the service's metrics, read when scraped,
 * beside registerVenueMetrics' link state: gaps it asked to be resent, what it resent or
 * gap-filled for the counterparty, rejects either way and duplicates dropped, so an operator sees
 * a session that keeps recovering or a venue that refuses.
 */
export function registerFixVenueMetrics(registry: Registry, venue: ObservableFixVenue): void {
  const labels = { venue: venue.name };
  const session = venue.session.counters;
  const counters: Array<[string, string, () => number]> = [
    ['resend_requests_sent', 'ResendRequests exo sent for gaps.', () => session.resendRequestsSent],
    [
      'messages_resent',
      "Messages replayed PossDup at the counterparty's request.",
      () => session.messagesResent,
    ],
    [
      'gap_fills_sent',
      'SequenceReset-GapFills sent in answers to ResendRequests.',
      () => session.gapFillsSent,
    ],
    ['rejects_sent', 'Session Rejects (3) exo sent for bad messages.', () => session.rejectsSent],
    [
      'rejects_received',
      'Reject (3), BusinessMessageReject (j) and OrderCancelReject (9) received.',
      () => venue.counters.rejects,
    ],
    [
      'duplicates_dropped',
      'PossDup messages already seen, and ExecutionReports whose ExecID was applied already.',
      () => session.duplicatesDropped + venue.counters.duplicateReports,
    ],
  ];
  for (const [name, help, read] of counters) {
    scrapedCounter(registry, `exo_fix_${name}_total`, help, read, labels);
  }
}
