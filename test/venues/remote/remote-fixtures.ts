import { afterEach } from 'vitest';
import { decimal } from '../../../src/market/decimal.js';
import type { Report } from '../../../src/market/report.js';
import { RemoteVenue, type RemoteVenueOptions } from '../../../src/venues/remote/index.js';
import {
  type RunningVenueServer,
  startVenueServer,
  type VenueServerOptions,
} from '../../../src/venues/standalone/index.js';
import type { ChildOrderRequest } from '../../../src/venues/venue.js';

/**
 * Standalone venues and RemoteVenue clients for one test file, closed after each test: call at the
 * top of the file.
 */
export function remoteFixtures() {
  const servers: RunningVenueServer[] = [];
  const clients: RemoteVenue[] = [];
  afterEach(async () => {
    for (const client of clients.splice(0)) await client.close();
    for (const server of servers.splice(0)) await server.close();
  });
  return {
    /** A venue on `port` (0 for a free one), quick to fill. */
    async start(
      port = 0,
      latencyMs = 1,
      more: Partial<VenueServerOptions> = {},
    ): Promise<RunningVenueServer> {
      const server = await startVenueServer({ port, seed: 5, tickRate: 400, latencyMs, ...more });
      servers.push(server);
      return server;
    },
    /** Closes a venue before the test ends, as a process that stops. */
    async stop(server: RunningVenueServer): Promise<void> {
      servers.splice(servers.indexOf(server), 1);
      await server.close();
    },
    /** A client that reconnects quickly. */
    connect(url: string, options: Partial<RemoteVenueOptions> = {}): RemoteVenue {
      const venue = new RemoteVenue({ url, reconnect: { initialMs: 20, maxMs: 100 }, ...options });
      clients.push(venue);
      return venue;
    },
  };
}

/** A child request for 0.01 ETH-USD, an IOC market buy unless told otherwise. */
export function child(clOrdId: string, fields: Partial<ChildOrderRequest> = {}): ChildOrderRequest {
  return {
    clOrdId,
    parentId: clOrdId.slice(0, clOrdId.lastIndexOf('-')),
    symbol: 'ETH-USD',
    side: 'buy',
    quantity: decimal('0.01'),
    timeInForce: 'ioc',
    ...fields,
  };
}

/** A buy resting far below the market: it works until cancelled. */
export function resting(clOrdId: string): ChildOrderRequest {
  return child(clOrdId, { timeInForce: 'gtc', limitPrice: decimal('1.00') });
}

/** The port a venue listens on. */
export function portOf(server: RunningVenueServer): number {
  return Number(new URL(server.url).port);
}

/** What tells one report from another in these tests. */
export function gist(report: Report) {
  return {
    orderId: report.orderId,
    clOrdId: report.clOrdId,
    execType: report.execType,
    status: report.status,
    text: report.text,
  };
}
