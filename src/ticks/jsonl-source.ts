import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { EXO_VERSION } from './exo-version.js';
import { eventOfJson } from './json-event.js';
import { lineBatches } from './line-batches.js';
import { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';
import { TickFileError } from './tick-file-error.js';
import { parseTickHeader, TICK_FORMAT, TICK_VERSION, type TickHeader } from './tick-header.js';
import type { TickSource } from './tick-source.js';

/** Events handed over together. */
const BATCH = 4096;

/**
 * A recording as JSON lines (`.jsonl`, or gzipped `.jsonl.gz`): one event per line with
 * TickEvent's fields, optionally after a tick file's header line (what `exo cat` prints). A bad
 * line is a TickFileError naming line:column (and the field, with the event's index).
 */
export class JsonLinesSource implements TickSource {
  readonly truncated = false;
  #header: TickHeader | undefined;
  #bytes = 0;
  readonly #batches: AsyncGenerator<string[]>;
  /** Lines read ahead while looking for the header. */
  #pending: string[] = [];
  readonly #stream: Readable;

  private constructor(readonly file: string) {
    const raw = createReadStream(file);
    if (file.endsWith('.gz')) {
      const gunzip = createGunzip();
      raw.on('error', (error) => gunzip.destroy(error));
      this.#stream = raw.pipe(gunzip);
    } else this.#stream = raw;
    this.#batches = lineBatches(this.#stream);
  }

  /** Opens `file` and reads its header line, when it has one. */
  static async open(file: string): Promise<JsonLinesSource> {
    const source = new JsonLinesSource(file);
    try {
      while (source.#pending.length === 0) {
        const next = await source.#readBatch(1);
        if (next === undefined) break;
        source.#pending = next;
      }
    } catch (error) {
      await source.close();
      throw error;
    }
    const first = source.#pending[0];
    if (first !== undefined && isHeader(first)) {
      source.#header = parseTickHeader(file, first);
      source.#bytes = Buffer.byteLength(first) + 1;
      source.#pending.shift();
    }
    return source;
  }

  get header(): TickHeader {
    return (
      this.#header ?? {
        format: TICK_FORMAT,
        version: TICK_VERSION,
        codec: 'jsonl',
        feed: 'unknown',
        exo: EXO_VERSION,
        created: '',
      }
    );
  }

  get lastGoodOffset(): number {
    return this.#bytes;
  }

  async close(): Promise<void> {
    this.#stream.destroy();
  }

  async *blocks(): AsyncGenerator<readonly TickEvent[]> {
    const checks = new TickChecks(this.file);
    let line = this.#header === undefined ? 0 : 1;
    let batch: TickEvent[] = [];
    try {
      for (let lines: string[] | undefined = this.#pending; lines !== undefined; ) {
        for (const text of lines) {
          line++;
          batch.push(this.#event(text, line, checks));
          checks.index++;
          this.#bytes += Buffer.byteLength(text) + 1;
        }
        if (batch.length >= BATCH) {
          yield batch;
          batch = [];
        }
        lines = await this.#readBatch(line + 1);
      }
      if (batch.length > 0) yield batch;
    } finally {
      await this.close();
    }
  }

  /** The next lines, or undefined at the end; a stream failure names the line it stopped at. */
  async #readBatch(line: number): Promise<string[] | undefined> {
    try {
      const next = await this.#batches.next();
      return next.done === true ? undefined : next.value;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR') throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new TickFileError(this.file, 'bad-json', `line ${line}`, `cannot read: ${message}`);
    }
  }

  #event(text: string, line: number, checks: TickChecks): TickEvent {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const position = /position (\d+)/.exec(message);
      const column = position === null ? 1 : Number(position[1]) + 1;
      throw new TickFileError(this.file, 'bad-json', `line ${line}:${column}`, message);
    }
    try {
      return eventOfJson(value, checks);
    } catch (error) {
      if (!(error instanceof TickFileError)) throw error;
      const at = error.field === undefined ? -1 : text.indexOf(`"${error.field}"`);
      throw new TickFileError(
        this.file,
        error.problem,
        `line ${line}:${at + 1} (${error.position})`,
        error.detail,
        error.field,
      );
    }
  }
}

/** Whether a first line is a header (an object with a `format`) rather than an event. */
function isHeader(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && 'format' in value;
  } catch {
    return false;
  }
}
