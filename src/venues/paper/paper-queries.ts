import { type SequencedFill, type SequencedPage, sequenceCursor } from '../sequence-cursor.js';
import type { VenueOrderStatus } from '../venue-queries.js';
import type { PaperOrder } from './paper-order.js';

/** The most fills one `fillsSince` answer carries: a long history comes in pages of this size. */
export const FILLS_PAGE_SIZE = 10_000;

/** The working orders among `orders` whose clOrdId starts with `prefix`, in the order given. */
export function openOrdersOf(orders: Iterable<PaperOrder>, prefix: string): VenueOrderStatus[] {
  const open: VenueOrderStatus[] = [];
  for (const order of orders) {
    if (!order.isDone && order.request.clOrdId.startsWith(prefix)) open.push(order.record());
  }
  return open;
}

/**
 * The fills after sequence `after` from a log in sequence order, at most `pageSize` of them, and
 * the cursor to ask from next: the last fill's sequence when more follow, else `head`, the venue's
 * latest report sequence (which may lie below `after` if the venue lost its history).
 */
export function fillsAfter<F extends SequencedFill>(
  log: readonly F[],
  after: number,
  head: number,
  pageSize = FILLS_PAGE_SIZE,
): SequencedPage<F> {
  const start = firstAfter(log, after);
  const fills = log.slice(start, start + pageSize);
  const full = fills.length === pageSize && start + pageSize < log.length;
  return { fills, cursor: sequenceCursor(full ? fills[fills.length - 1]!.venueSeq : head) };
}

/** The index of the first entry with a sequence above `cursor` in a log in sequence order, by binary search. */
export function firstAfter(log: readonly { readonly venueSeq: number }[], cursor: number): number {
  let low = 0;
  let high = log.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (log[middle]!.venueSeq <= cursor) low = middle + 1;
    else high = middle;
  }
  return low;
}
