import { isIP } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';

/** A Host header: a name or IPv4 address, or a bracketed IPv6 address, then an optional port. */
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[^:[\]/@\s]+)(?::\d{1,5})?$/i;

/** The most of a refused Host header repeated in the error. */
const MAX_ECHO = 100;

/**
 * A fastify `onRequest` hook refusing (421 `host_not_allowed`) a request whose Host header names
 * neither `localhost`, an IP address, nor one of `names`. It closes DNS rebinding: a page of
 * `evil.example` that re-points its name at this machine reaches the server with
 * `Host: evil.example`. An IP address is safe to accept, as a browser sends one only for a page
 * whose own origin is that address, and so is the port, which rebinding cannot change.
 */
export function hostCheck(names: readonly string[]): (request: FastifyRequest) => Promise<void> {
  const allowed = new Set(['localhost', ...names.map((name) => name.toLowerCase())]);
  return async (request) => {
    const header = request.headers.host ?? '';
    const name = HOST_HEADER.exec(header)?.[1]?.toLowerCase().replace(/\.$/, '');
    if (name !== undefined && (allowed.has(name) || isIP(name.replace(/^\[|\]$/g, '')) !== 0)) {
      return;
    }
    const shown =
      header === '' ? 'no Host header' : `Host ${JSON.stringify(header.slice(0, MAX_ECHO))}`;
    throw new HttpError(
      'host_not_allowed',
      `${shown}: this server answers to localhost, IP addresses and the names given with --allowed-hosts (EXO_ALLOWED_HOSTS)`,
    );
  };
}
