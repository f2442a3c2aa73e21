import { JournalReader } from './journal-reader.js';
import { openJournalDatabase } from './journal-schema.js';

/** Takes one line of output (ending in a newline); may return a promise to apply backpressure. */
export type LineWriter = (line: string) => void | Promise<void>;

/**
 * Writes every row of a journal file as a JSON line (`sequence`, `time`, `orderId`, `kind`,
 * `idempotencyKey`, `body`), oldest first, and returns how many. The file is checked as
 * `checkJournal` does first and is not changed; the same errors name the file and the reason.
 */
export async function exportJournal(path: string, write: LineWriter): Promise<number> {
  const db = openJournalDatabase(path, { create: false, exclusive: false });
  try {
    db.pragma('query_only = ON');
    let rows = 0;
    for (const row of new JournalReader(db, path).from(0)) {
      await write(`${JSON.stringify(row)}\n`);
      rows++;
    }
    return rows;
  } finally {
    db.close();
  }
}
