import type { Report } from '../market/report.js';
import type { Venue } from '../venues/venue.js';

/**
 * `venue` as it is, but each of its reports is shown to `tap` on its way out: the engine puts it
 * innermost, where what arrives is the venue's own word, before the child checks add their
 * refusals (which the automatic halts must not count: see RejectStorm).
 */
export function reportTap(venue: Venue, tap: (report: Report) => void): Venue {
  return {
    name: venue.name,
    ...(venue.clientIds === undefined ? {} : { clientIds: venue.clientIds }),
    onReport: (sink) =>
      venue.onReport((report, cursor) => {
        tap(report);
        sink(report, cursor);
      }),
    submit: (request) => venue.submit(request),
    replace: (request) => venue.replace(request),
    cancel: (clOrdId, time) => venue.cancel(clOrdId, time),
    openOrders: (prefix) => venue.openOrders(prefix),
    orderStatus: (clOrdId) => venue.orderStatus(clOrdId),
    fillsSince: (cursor) => venue.fillsSince(cursor),
    ...(venue.fillsOf === undefined ? {} : { fillsOf: venue.fillsOf.bind(venue) }),
    ...(venue.cursorCovers === undefined ? {} : { cursorCovers: venue.cursorCovers.bind(venue) }),
    ...(venue.onConnection === undefined ? {} : { onConnection: venue.onConnection.bind(venue) }),
    close: () => venue.close(),
  };
}
