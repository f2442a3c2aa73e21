import diagnostics from 'node:diagnostics_channel';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { describe, expect, it } from 'vitest';
import { eachTestApp, testApp } from './app-helpers.js';

const current = eachTestApp();

interface OpenApiDocument {
  readonly [field: string]: unknown;
  readonly paths: Record<
    string,
    Record<string, { responses: Record<string, { description: string }> }>
  >;
  readonly components: { readonly schemas: Record<string, unknown> };
}

async function openApi(): Promise<OpenApiDocument> {
  const response = await current.app.inject({ url: '/openapi.json' });
  expect(response.statusCode).toBe(200);
  return response.json();
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI document', async () => {
    const result = await new Validator().validate(await openApi());
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names its schemas as the API does, not def-0…', async () => {
    const names = Object.keys((await openApi()).components.schemas);
    expect(names.sort()).toEqual([
      'Child',
      'Error',
      'Fill',
      'Order',
      'OrderSummary',
      'TradingStateChange',
      'TradingStatus',
    ]);
  });

  it('describes every response of every route', async () => {
    for (const [path, operations] of Object.entries((await openApi()).paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        for (const [status, response] of Object.entries(operation.responses)) {
          expect(response.description, `${method} ${path} ${status}`).not.toBe('Default Response');
          expect(response.description.length, `${method} ${path} ${status}`).toBeGreaterThan(0);
        }
      }
    }
  });

  it('has every route the app serves but those hidden from it, and no other', async () => {
    const served = new Set<string>();
    // fastify announces each new instance here, before any route is added to it.
    const noteRoutes = (message: unknown): void => {
      const { fastify } = message as { fastify: FastifyInstance };
      fastify.addHook('onRoute', (route: RouteOptions) => {
        if (route.schema?.hide === true) return;
        const path = route.url.replace(/:(\w+)/g, '{$1}');
        for (const method of [route.method].flat()) {
          if (method !== 'HEAD') served.add(`${method} ${path}`);
        }
      });
    };
    const channel = diagnostics.channel('fastify.initialization');
    channel.subscribe(noteRoutes);
    const probe = await testApp().finally(() => channel.unsubscribe(noteRoutes));
    const document = (await probe.app.inject({ url: '/openapi.json' })).json() as OpenApiDocument;
    await probe.app.close();
    await probe.engine.stop();
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(served.size).toBeGreaterThan(0);
    expect(documented.sort()).toEqual([...served].sort());
  });
});
