/**
 * A generator of order IDs that are unique within a process and, by their time prefix,
 * across restarts: `<prefix><base-36 start time>-<base-36 counter>`.
 */
export function orderIdGenerator(prefix = 'exo-', start = Date.now()): () => string {
  const stem = `${prefix}${start.toString(36)}-`;
  let next = 0;
  return () => `${stem}${(++next).toString(36)}`;
}
