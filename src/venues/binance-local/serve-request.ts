import type { Clock } from '../../core/clock.js';
import type { ApiKeys } from './api-keys.js';
import type { Endpoint, EndpointContext } from './endpoints.js';
import type { RequestParams } from './request-params.js';
import { checkSigned, type SignedParts, signedParts } from './signed-request.js';

/** What serving a request needs, whichever API it came through. */
export interface ServeDeps {
  readonly keys: ApiKeys;
  readonly clock: Clock;
  readonly context: EndpointContext;
}

/**
 * Serves one request the same way for REST and the WebSocket API: charges its weight to the IP
 * (429 beyond the limit, 418 once banned), checks a SIGNED request's key, signature and timing
 * (see signed-request.ts), then runs it. Throws a BinanceError for any refusal.
 */
export async function serveRequest(
  endpoint: Endpoint,
  params: RequestParams,
  signed: Omit<SignedParts, 'timestamp' | 'recvWindow'>,
  ip: string,
  { keys, clock, context }: ServeDeps,
): Promise<unknown> {
  context.limits.chargeWeight(ip, endpoint.weight(params), clock.now());
  if (endpoint.security === 'SIGNED') checkSigned(keys, signedParts(signed, params), clock.now());
  return endpoint.run(params, context);
}
