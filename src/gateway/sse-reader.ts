import { type ClientRequest, get } from 'node:http';

/** One server-sent event as read: its ID if it had one, its name, and its data text. */
export interface SseFrame {
  readonly id?: string;
  readonly event: string;
  readonly data: string;
}

/** What a reader reports: each event, and the end of the stream (with why, if it failed). */
export interface SseHandlers {
  onFrame(frame: SseFrame): void;
  onEnd(reason: string): void;
}

/** An open event stream; `close` ends it without calling onEnd. */
export interface SseReader {
  close(): void;
}

/**
 * Follows the event stream at `url` (an exo `/v1/events`), resuming after `lastEventId` when
 * given, with `authorization` when given, and reports each event as it arrives. Comments
 * (heartbeats) are skipped. onEnd is called once, whether the stream ended, failed or was refused.
 */
export function readEvents(
  url: string,
  handlers: SseHandlers,
  options: { readonly authorization?: string; readonly lastEventId?: string } = {},
): SseReader {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (options.authorization !== undefined) headers.authorization = options.authorization;
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  let ended = false;
  const end = (reason: string): void => {
    if (ended) return;
    ended = true;
    handlers.onEnd(reason);
  };
  let request: ClientRequest;
  try {
    request = get(url, { headers });
  } catch (error) {
    queueMicrotask(() => end((error as Error).message));
    return { close: () => (ended = true) };
  }
  request.on('error', (error) => end(error.message));
  request.on('response', (response) => {
    if (response.statusCode !== 200) {
      response.resume();
      end(`the stream answered ${response.statusCode}`);
      return;
    }
    response.setEncoding('utf8');
    let text = '';
    response.on('data', (chunk: string) => {
      text += chunk;
      let at = text.indexOf('\n\n');
      while (at >= 0 && !ended) {
        const frame = parseFrame(text.slice(0, at));
        text = text.slice(at + 2);
        if (frame !== undefined) handlers.onFrame(frame);
        at = text.indexOf('\n\n');
      }
    });
    response.on('end', () => end('the stream ended'));
    response.on('error', (error) => end(error.message));
  });
  return {
    close() {
      ended = true;
      request.destroy();
    },
  };
}

/** One block of an event stream as a frame; undefined for a comment or a block without data. */
function parseFrame(block: string): SseFrame | undefined {
  let event = 'message';
  let id: string | undefined;
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5));
    else if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('id:')) id = line.slice(3).trim();
  }
  if (data.length === 0) return undefined;
  return id === undefined ? { event, data: data.join('\n') } : { id, event, data: data.join('\n') };
}
