import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ConnectionError, FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { HttpError } from './http-error.js';
import { MAX_ORDER_ID_LENGTH } from './schemas.js';

/** Sends an HTTP error as every error is sent: its status, its headers, `{error, message}`. */
export function sendError(reply: FastifyReply, error: HttpError): FastifyReply {
  return reply.code(error.statusCode).headers(error.headers).send(error.body);
}

/**
 * The errors fastify's router raises before any route runs (fastify's `frameworkErrors`), in the
 * API's own shape: a path parameter over the router's length limit (414); anything else (a URL
 * that does not decode) 400.
 */
export function frameworkErrors(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const httpError =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new HttpError(
          'uri_too_long',
          `path: a segment is over ${MAX_ORDER_ID_LENGTH} characters (an order ID is at most that)`,
        )
      : new HttpError('invalid_request', 'path: not a valid URL');
  void sendError(reply, httpError);
}

/**
 * What a connection gets when Node cannot even parse its request (fastify's
 * `clientErrorHandler`), in the API's own shape: headers over the size limit (431), or a request
 * that is not HTTP (400). The connection is closed after.
 */
export function clientErrorHandler(error: ConnectionError, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const httpError =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpError('headers_too_large', 'headers: over the size limit')
      : new HttpError('invalid_request', 'request: not a valid HTTP request');
  if (socket.writable) {
    const body = JSON.stringify(httpError.body);
    const status = httpError.statusCode;
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}
