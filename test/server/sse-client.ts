/** One server-sent event as a test reads it. */
export interface ReceivedEvent {
  /** Its `id:` line, when it has one. */
  readonly id?: string;
  readonly event: string;
  readonly data: Record<string, unknown>;
}

/** A connection to an event stream that tests read event by event. */
export interface EventFollower {
  /** The next event, waiting for it when none is buffered. */
  next(): Promise<ReceivedEvent>;
  /** Events up to and including the first that satisfies `done`. */
  until(done: (event: ReceivedEvent) => boolean): Promise<ReceivedEvent[]>;
  close(): void;
}

/**
 * Connects to `url` (an SSE endpoint) with fetch, resuming after `lastEventId` when given, and
 * parses the stream as it arrives.
 */
export async function followEvents(
  url: string,
  token?: string,
  lastEventId?: string,
): Promise<EventFollower> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (token !== undefined) headers.authorization = `Bearer ${token}`;
  if (lastEventId !== undefined) headers['last-event-id'] = lastEventId;
  const response = await fetch(url, { headers, signal: controller.signal });
  if (response.status !== 200 || response.body === null) {
    throw new Error(`event stream answered ${response.status}`);
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  const buffered: ReceivedEvent[] = [];
  let text = '';
  const next = async (): Promise<ReceivedEvent> => {
    for (;;) {
      const ready = buffered.shift();
      if (ready !== undefined) return ready;
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      text += value;
      let end = text.indexOf('\n\n');
      while (end >= 0) {
        const block = text.slice(0, end);
        text = text.slice(end + 2);
        const parsed = parseBlock(block);
        if (parsed !== undefined) buffered.push(parsed);
        end = text.indexOf('\n\n');
      }
    }
  };
  return {
    next,
    async until(done) {
      const seen: ReceivedEvent[] = [];
      for (;;) {
        const event = await next();
        seen.push(event);
        if (done(event)) return seen;
      }
    },
    close: () => controller.abort(),
  };
}

function parseBlock(block: string): ReceivedEvent | undefined {
  let event = 'message';
  let data = '';
  let id: string | undefined;
  for (const line of block.split('\n')) {
    if (line.startsWith('event: ')) event = line.slice('event: '.length);
    else if (line.startsWith('data: ')) data += line.slice('data: '.length);
    else if (line.startsWith('id: ')) id = line.slice('id: '.length);
  }
  if (data === '') return undefined;
  return id === undefined
    ? { event, data: JSON.parse(data) }
    : { id, event, data: JSON.parse(data) };
}
