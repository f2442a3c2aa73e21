import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** A request as the gateway passes it to a shard's owner: bytes and the headers that matter. */
export interface OwnerRequest {
  readonly method: string;
  /** The path with its query string, unchanged. */
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: Buffer;
}

/** What an owner answered: its status, the headers that matter, and its body unchanged. */
export interface OwnerAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/**
 * How a request to an owner ended: `answered`; `refused`, when the connection failed before
 * anything was sent (safe to send again); or `failed` (reset, timeout, cut mid-answer), when the
 * owner may have received it and acted, so only the client may repeat it, with its key.
 */
export type OwnerOutcome =
  | { readonly kind: 'answered'; readonly answer: OwnerAnswer }
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string };

/** The request headers a client's instruction keeps on its way to the owner. */
export const FORWARDED_REQUEST_HEADERS = [
  'authorization',
  'idempotency-key',
  'content-type',
  'accept',
] as const;

/** The answer headers the client gets back from the owner. */
export const FORWARDED_ANSWER_HEADERS = [
  'content-type',
  'retry-after',
  'next-cursor',
  'idempotent-replayed',
  'www-authenticate',
  'allow',
  'location',
] as const;

/** Connections to owners are kept open between requests. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** Errors a connection attempt fails with before a byte of the request left. */
const NOT_SENT = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** Sends `request` to the owner at `address` (a base URL), giving up after `timeoutMs`. */
export function sendToOwner(
  address: string,
  request: OwnerRequest,
  timeoutMs: number,
): Promise<OwnerOutcome> {
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(request.path, address);
    } catch {
      resolve({ kind: 'refused', reason: `not a URL: ${address}` });
      return;
    }
    const headers: Record<string, string> = { ...request.headers };
    if (request.body !== undefined) headers['content-length'] = String(request.body.length);
    const outgoing = httpRequest(url, { method: request.method, headers, agent });
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`no answer in ${timeoutMs} ms`)),
    );
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      const code = error.code ?? '';
      const kind = NOT_SENT.has(code) ? 'refused' : 'failed';
      resolve({ kind, reason: code === '' ? error.message : code });
    });
    outgoing.on('response', (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', (error) => resolve({ kind: 'failed', reason: error.message }));
      incoming.on('end', () => {
        if (!incoming.complete) {
          resolve({ kind: 'failed', reason: 'the answer was cut off' });
          return;
        }
        const answerHeaders = pick(incoming.headers, FORWARDED_ANSWER_HEADERS);
        resolve({
          kind: 'answered',
          answer: {
            status: incoming.statusCode ?? 502,
            headers: answerHeaders,
            body: Buffer.concat(chunks),
          },
        });
      });
    });
    outgoing.end(request.body);
  });
}

/** The headers of `names` that `headers` carries, each as one string. */
export function pick(
  headers: IncomingHttpHeaders,
  names: readonly string[],
): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const name of names) {
    const value = headers[name];
    if (value !== undefined) picked[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return picked;
}
