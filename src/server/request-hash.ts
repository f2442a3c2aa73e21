import { createHash } from 'node:crypto';

/**
 * The digest an Idempotency-Key is bound to: SHA-256 over the method, the path and the body as
 * canonical JSON (keys sorted), so the same request spelled with its fields in another order
 * matches, and the same key sent with another request does not.
 */
export function requestHash(method: string, url: string, body: unknown): string {
  const path = url.split('?', 1)[0]!;
  return createHash('sha256')
    .update(`${method.toUpperCase()} ${path}\n${canonicalJson(body ?? null)}`)
    .digest('hex');
}

/** JSON with every object's keys in sorted order: one spelling per value. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
