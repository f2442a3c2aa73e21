import type { Journal } from '../journal/journal.js';
import { RecoveryBook } from './recovery-book.js';

/**
 * Rebuilds the live orders from a journal: the newest complete snapshot, then every row after
 * what it covers, folded in sequence order. Orders completed meanwhile are dropped; each venue's
 * cursor is the last venue sequence journaled. Throws RecoveryError for a body it cannot read.
 */
export function rebuildFromJournal(journal: Journal): RecoveryBook {
  const book = new RecoveryBook();
  const snapshot = journal.latestSnapshot();
  if (snapshot !== undefined) book.load(snapshot);
  for (const row of journal.readFrom(book.lastSequence + 1)) book.apply(row);
  return book;
}
