/** Formats epoch milliseconds as a FIX UTCTimestamp with milliseconds: YYYYMMDD-HH:MM:SS.sss. */
export function formatUtcTimestamp(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-12-06T03:22:00.000Z
  return `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}-${iso.slice(11, 23)}`;
}

const PATTERN = /^(\d{4})(\d{2})(\d{2})-(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?$/;

/** Parses a FIX UTCTimestamp (seconds, or fractions up to nanoseconds) to epoch ms, undefined when malformed. */
export function parseUtcTimestamp(text: string): number | undefined {
  const m = PATTERN.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, frac] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms) || Number(mo) > 12 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60)
    return undefined;
  return ms + (frac === undefined ? 0 : Number(frac.padEnd(3, '0').slice(0, 3)));
}
