import type WebSocket from 'ws';

/** The text of a websocket frame as `ws` hands it over (a Buffer, an ArrayBuffer or fragments). */
export function frameText(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** The size in bytes of a frame, for a report about one that could not be read as text. */
export function frameBytes(data: WebSocket.RawData): number {
  if (Array.isArray(data)) return data.reduce((sum, part) => sum + part.length, 0);
  return data.byteLength;
}
