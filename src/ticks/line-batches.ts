import { StringDecoder } from 'node:string_decoder';

/**
 * The lines of a byte stream (UTF-8, `\n` or `\r\n`), a chunk's worth at a time: one await per
 * chunk rather than per line. Rejects with the stream's error (a file that cannot be read, bytes
 * that are not gzip).
 */
export async function* lineBatches(stream: AsyncIterable<Buffer>): AsyncGenerator<string[]> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of stream) {
    const lines = (rest + decoder.write(chunk)).split('\n');
    rest = lines.pop() ?? '';
    if (lines.length > 0) yield lines.map(withoutReturn);
  }
  rest += decoder.end();
  if (rest !== '') yield [withoutReturn(rest)];
}

function withoutReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}
