import type { FastifyInstance, FastifyRequest } from 'fastify';
import { scan } from 'secure-json-parse';
import { HttpError } from './http-error.js';

/** What is refused in a JSON body besides malformed text: keys that could reach a prototype. */
const REFUSE_PROTOTYPE_KEYS = { protoAction: 'error', constructorAction: 'error' } as const;

/**
 * Reads `application/json` bodies. An empty body is no body, as many clients send the header on
 * every request (a DELETE with `content-type: application/json` and nothing else is fine; a route
 * that needs a body says so by its schema). Malformed JSON, and a `__proto__` or
 * `constructor.prototype` key anywhere, are each refused with a 400 saying which.
 */
export function readJsonBodies(app: FastifyInstance): void {
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    async (_request: FastifyRequest, body: string): Promise<unknown> => parseJsonBody(body),
  );
}

/** The body's JSON value; undefined when it is empty. */
function parseJsonBody(text: string): unknown {
  if (text.length === 0) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new HttpError('invalid_request', `body: not valid JSON (${(error as Error).message})`);
  }
  if (typeof value !== 'object' || value === null) return value;
  try {
    scan(value, REFUSE_PROTOTYPE_KEYS);
  } catch {
    throw new HttpError(
      'invalid_request',
      'body: the keys "__proto__" and "constructor.prototype" are not accepted',
    );
  }
  return value;
}
