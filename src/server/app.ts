import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type { Logger } from 'pino';
import type { Engine } from '../engine/engine.js';
import { bearerAuth } from './auth.js';
import type { ErrorCode } from './error-table.js';
import { EventStream, type EventStreamOptions } from './event-stream.js';
import { clientErrorHandler, frameworkErrors, sendError } from './framework-errors.js';
import { hostCheck } from './host-check.js';
import { HttpError } from './http-error.js';
import { readJsonBodies } from './json-body.js';
import { lazyRequestLogger } from './lazy-request-logger.js';
import { MethodNotAllowed } from './method-not-allowed.js';
import { dashboardRoutes } from './routes/dashboard.js';
import { eventRoutes } from './routes/events.js';
import { limitsRoutes } from './routes/limits.js';
import { opsRoutes } from './routes/ops.js';
import { orderRoutes } from './routes/orders.js';
import { riskRoutes } from './routes/risk.js';
import { tradingRoutes } from './routes/trading.js';
import { venueRoutes } from './routes/venue.js';
import { MAX_ORDER_ID_LENGTH, sharedSchemas } from './schemas.js';
import {
  type ValidationContext,
  type ValidationFailure,
  validationMessage,
} from './validation-message.js';

/** What the HTTP app is built from. */
export interface AppOptions {
  readonly engine: Engine;
  readonly logger: Logger;
  /** When set, every /v1 route and /metrics require `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** Host names answered besides localhost and IP addresses (see hostCheck); none by default. */
  readonly allowedHosts?: readonly string[];
  /** The largest request body accepted, in bytes (default 16 KiB). */
  readonly bodyLimit?: number;
  readonly events?: EventStreamOptions;
}

/** The default request body limit: an order is a few hundred bytes. */
const DEFAULT_BODY_LIMIT = 16 * 1024;

/**
 * The HTTP API, event stream and dashboard over an engine. Bodies are validated against JSON
 * schemas that refuse unknown fields and never coerce types; every error is `{error, message}`
 * with a message naming what is wrong.
 */
export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { engine } = options;
  const logger: FastifyBaseLogger = options.logger;
  const app = Fastify({
    loggerInstance: logger,
    logController: new LogController({ disableRequestLogging: true }),
    childLoggerFactory: lazyRequestLogger,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_ORDER_ID_LENGTH },
    frameworkErrors,
    clientErrorHandler,
    ajv: {
      customOptions: {
        removeAdditional: false,
        coerceTypes: false,
        allErrors: false,
        verbose: true,
      },
    },
  });
  app.addHook('onRequest', hostCheck(options.allowedHosts ?? []));
  const methods = new MethodNotAllowed();
  app.addHook('onRoute', methods.collect);
  readJsonBodies(app);
  const stream = new EventStream(engine, options.events);
  app.addHook('preClose', async () => stream.closeAll());
  if (options.logger.isLevelEnabled('debug')) {
    app.addHook('onResponse', (request, reply, done) => {
      const { method, url } = request;
      request.log.debug({ method, url, statusCode: reply.statusCode }, 'request completed');
      done();
    });
  }
  answerAsTheApi(app);

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'exo',
        description: 'An execution engine for trading algorithms: orders, events, operations.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    // Shared schemas keep their $id as their name in the document (Order, Error...), not def-0.
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`),
    },
  });
  for (const schema of sharedSchemas) app.addSchema(schema);

  const token = options.token;
  const auth = token !== undefined && token !== '' ? bearerAuth(token) : undefined;
  await app.register(async (api) => {
    if (auth !== undefined) api.addHook('onRequest', auth);
    await api.register(orderRoutes(engine));
    await api.register(eventRoutes(stream));
    await api.register(limitsRoutes(engine));
    await api.register(riskRoutes(engine));
    await api.register(tradingRoutes(engine));
    await api.register(venueRoutes(engine));
  });
  await app.register(opsRoutes(engine, auth));
  await app.register(dashboardRoutes);
  methods.answerTheRest(app);
  return app;
}

/**
 * What every answer of the API (and of `exo gateway`) shares: `nosniff`, and every error, an
 * unknown route included, as `{error, message}` with the status of its code.
 */
export function answerAsTheApi(app: FastifyInstance): void {
  app.addHook('onSend', (_request, reply, payload, done) => {
    reply.header('x-content-type-options', 'nosniff');
    done(null, payload);
  });
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    void sendError(reply, new HttpError('not_found', `no route ${request.method} ${request.url}`));
  });
}

function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): unknown {
  return sendError(reply, asHttpError(error, request));
}

/** Any error a route or fastify threw, as the HTTP error the client gets; a server error is logged. */
function asHttpError(error: FastifyError, request: FastifyRequest): HttpError {
  if (error instanceof HttpError) return error;
  if (error.validation !== undefined) {
    const failures = error.validation as readonly ValidationFailure[];
    const context = error.validationContext as ValidationContext | undefined;
    return new HttpError('invalid_request', validationMessage(failures, context));
  }
  if ((error.statusCode ?? 500) < 500) return new HttpError(clientErrorCode(error), error.message);
  request.log.error({ err: error }, 'request failed');
  return new HttpError('internal', 'internal error');
}

/** The code of fastify's own client errors (body too large, bad JSON, wrong content type). */
function clientErrorCode(error: FastifyError): ErrorCode {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'body_too_large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'unsupported_media_type';
    default:
      return 'invalid_request';
  }
}
