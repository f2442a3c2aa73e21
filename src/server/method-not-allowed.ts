import type { FastifyInstance, RouteOptions } from 'fastify';
import { HttpError } from './http-error.js';

/** The methods a path that lacks them answers 405 to; any other method is an unknown route. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

/**
 * 405 with `Allow` for a known path asked with a method it does not take (PUT or OPTIONS on
 * `/v1/orders/:id`, say), where the router alone would answer 404. `collect` is an `onRoute` hook
 * noting each route's path and methods; `answerTheRest`, once every route is registered, adds a
 * route answering 405 for each standard method a noted path lacks. It answers before the body is
 * read, so a client learns the method is wrong whatever it sent.
 */
export class MethodNotAllowed {
  readonly #methods = new Map<string, Set<string>>();

  /** Notes a route's path and methods (a GET route also answers HEAD). */
  readonly collect = (route: RouteOptions): void => {
    const methods = this.#methods.get(route.url) ?? new Set<string>();
    for (const method of [route.method].flat()) {
      methods.add(method);
      if (method === 'GET') methods.add('HEAD');
    }
    this.#methods.set(route.url, methods);
  };

  /** Adds the 405 routes: call once, after every other route is registered. */
  answerTheRest(app: FastifyInstance): void {
    for (const [url, allowed] of [...this.#methods]) {
      const missing = METHODS.filter((method) => !allowed.has(method));
      if (missing.length === 0) continue;
      const allow = METHODS.filter((method) => allowed.has(method)).join(', ');
      app.route({
        method: missing,
        url,
        schema: { hide: true },
        onRequest: async (request) => {
          throw new HttpError(
            'method_not_allowed',
            `${url} does not take ${request.method}: use ${allow}`,
            { allow },
          );
        },
        // Never reached: the onRequest hook above answers first.
        handler: async () => undefined,
      });
    }
  }
}
