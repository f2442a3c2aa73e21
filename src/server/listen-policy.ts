/** Refused: listening on a non-loopback address with no token, which would open the API to anyone. */
export class UnsafeListenError extends Error {
  override readonly name = 'UnsafeListenError';
}

/** Whether a host name or address only ever reaches this machine. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  const v4 = bare.startsWith('::ffff:') ? bare.slice('::ffff:'.length) : bare;
  return /^127(\.\d{1,3}){3}$/.test(v4);
}

/** Throws unless the address is loopback or a token protects the API. */
export function assertSafeListen(host: string, token: string | undefined): void {
  if (isLoopback(host) || (token !== undefined && token !== '')) return;
  throw new UnsafeListenError(
    `refusing to listen on ${host} without a token: set EXO_TOKEN (or --token), or use 127.0.0.1`,
  );
}
