import type { PendingRow } from '../row-writer.js';

/** The staging table's columns, in the order copyTextRows writes them. */
export const COPY_COLUMNS = '(sequence, time, order_id, kind, idempotency_key, body)';

const SPECIAL = /[\\\n\r\t]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * One field in PostgreSQL's COPY text format: a backslash, newline, carriage return or tab
 * (the delimiter) is escaped, so the server reads back exactly `value`. Since every backslash is
 * doubled, no value can read as `\N` (NULL) or `\.` (end of data).
 */
export function copyTextField(value: string): string {
  return value.replace(SPECIAL, (special) => ESCAPES[special]!);
}

/**
 * The rows as COPY text-format input for COPY_COLUMNS: one line each, fields split by tabs.
 * Why text and not CSV: one pass of escaping, no quoting rules, and the server parses it fastest.
 */
export function copyTextRows(rows: readonly PendingRow[]): string {
  let text = '';
  for (const row of rows) {
    text += `${row.sequence}\t${row.time}\t${copyTextField(row.orderId)}\t${copyTextField(row.kind)}\t${copyTextField(row.idempotencyKey)}\t${copyTextField(row.body)}\n`;
  }
  return text;
}
