import type { ServerResponse } from 'node:http';
import type { EventRing } from './event-ring.js';

/** What `reset` tells a client whose `Last-Event-ID` cannot be resumed from. */
export const RESET_MESSAGE =
  'the events since Last-Event-ID are no longer held (or exo restarted): hello follows; rebuild from it';

/** One server-sent event: its ID when it has one, its name, and its JSON data on one line. */
export function frame(name: string, data: unknown, id?: string): string {
  const idLine = id === undefined ? '' : `id: ${id}\n`;
  return `${idLine}event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/** The headers that open an event stream (no caching, no proxy buffering). */
export const EVENT_STREAM_HEAD = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  connection: 'keep-alive',
  'x-accel-buffering': 'no',
} as const;

/**
 * The events `ring` holds after `lastEventId` (`<run>-<n>`), if it is an ID of this `run` and
 * all of them are still held; undefined otherwise (the client gets reset and hello).
 */
export function missedSince(
  ring: EventRing,
  run: string,
  lastEventId: string,
): string[] | undefined {
  const match = /^([0-9a-f]+)-([0-9]{1,15})$/.exec(lastEventId);
  if (match === null || match[1] !== run) return undefined;
  return ring.after(Number(match[2]));
}

/**
 * Writes `text` to a stream's client; a client more than `maxBufferedBytes` behind is cut off
 * instead (false), never buffered without end.
 */
export function writeOrCut(
  client: ServerResponse,
  text: string,
  maxBufferedBytes: number,
): boolean {
  if (client.writableLength > maxBufferedBytes) {
    client.destroy();
    return false;
  }
  client.write(text);
  return true;
}

/**
 * Opens an event stream on `response` (its headers) and, when `lastEventId` can be resumed from
 * (see missedSince), writes the events missed since: true then, the client is up to date. False
 * when it cannot (or did not ask to) resume: nothing more is written, and the caller sends its
 * hello, after `writeReset`.
 */
export function openResumed(
  response: ServerResponse,
  ring: EventRing,
  run: string,
  lastEventId: string | undefined,
): boolean {
  response.writeHead(200, EVENT_STREAM_HEAD);
  const missed = lastEventId === undefined ? undefined : missedSince(ring, run, lastEventId);
  if (missed === undefined) return false;
  for (const text of missed) response.write(text);
  return true;
}

/** Tells a client that asked to resume from `lastEventId` (if it did) that it cannot: `reset`. */
export function writeReset(response: ServerResponse, lastEventId: string | undefined): void {
  if (lastEventId !== undefined) {
    response.write(frame('reset', { lastEventId, message: RESET_MESSAGE }));
  }
}
