import { request } from 'node:http';

/** An HTTP answer: status and parsed JSON body. */
export interface Answer {
  readonly status: number;
  readonly body: unknown;
  readonly replayed: boolean;
}

/** One request; rejects on a connection error (exo is down), resolves on any HTTP answer. */
export function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
    const req = request(`${base}${path}`, { method, headers, timeout: 15_000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = text === '' ? undefined : JSON.parse(text);
        } catch {
          // not JSON: keep the text for the report
        }
        resolve({
          status: res.statusCode ?? 0,
          body: parsed,
          replayed: res.headers['idempotent-replayed'] === 'true',
        });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

/**
 * Sends a request until exo answers with something other than 503 (down, recovering or
 * restarting): the same Idempotency-Key every time, as a client that lost its connection would.
 */
export async function callUntilAnswered(
  base: string,
  method: string,
  path: string,
  body: unknown,
  idempotencyKey: string | undefined,
  deadline: number,
): Promise<Answer> {
  for (;;) {
    try {
      const answer = await call(base, method, path, body, idempotencyKey);
      if (answer.status !== 503) return answer;
    } catch {
      // exo is down: it will be back
    }
    if (Date.now() > deadline) throw new Error(`${method} ${path} unanswered until the deadline`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
