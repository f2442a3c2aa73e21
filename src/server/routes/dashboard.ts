import { readFile } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';

/** The dashboard's files, at the repository root; the same path from src/server and dist/server. */
const PUBLIC_DIR = new URL('../../../public/', import.meta.url);

/** The files served, by URL path, with their content types: nothing else is ever read from disk. */
const FILES: Readonly<Record<string, { readonly file: string; readonly type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  '/kill-switch.js': { file: 'kill-switch.js', type: 'text/javascript; charset=utf-8' },
  '/risk-gauges.js': { file: 'risk-gauges.js', type: 'text/javascript; charset=utf-8' },
  '/spread.js': { file: 'spread.js', type: 'text/javascript; charset=utf-8' },
  '/venue-panel.js': { file: 'venue-panel.js', type: 'text/javascript; charset=utf-8' },
  '/style.css': { file: 'style.css', type: 'text/css; charset=utf-8' },
  '/favicon.svg': { file: 'favicon.svg', type: 'image/svg+xml' },
};

/** Only the page's own files, and its own server for data. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; " +
  "script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** The dashboard: a static page fed by the event stream, read from public/ once at startup. */
export async function dashboardRoutes(app: FastifyInstance): Promise<void> {
  for (const [path, { file, type }] of Object.entries(FILES)) {
    const body = await readFile(new URL(file, PUBLIC_DIR));
    app.get(path, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(type)
        .header('content-security-policy', CONTENT_SECURITY_POLICY)
        .header('cache-control', 'no-cache')
        .send(body),
    );
  }
}
