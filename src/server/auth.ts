import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

/**
 * A fastify `onRequest` hook requiring `Authorization: Bearer <token>`. The comparison takes the
 * same time whatever the guess, and neither the token nor the guess is ever put in an error.
 */
export function bearerAuth(
  token: string,
): (request: FastifyRequest, reply: FastifyReply) => Promise<void> {
  const expected = digest(token);
  return async (request, reply) => {
    const header = request.headers.authorization;
    const match = header === undefined ? null : /^Bearer (.+)$/i.exec(header);
    const problem =
      match === null
        ? 'expected a Bearer token'
        : timingSafeEqual(digest(match[1]!), expected)
          ? undefined
          : 'the token is not valid';
    if (problem !== undefined) {
      reply.header('www-authenticate', 'Bearer');
      throw new HttpError('unauthorized', `authorization: ${problem}`);
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
