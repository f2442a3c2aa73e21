import { closeSync, openSync, writeSync } from 'node:fs';
import type { CancelTimer, Clock } from '../core/clock.js';
import { packBlock } from './block-codec.js';
import { BlockEncoder } from './block-encoder.js';
import { DATA_MAGIC, END_MAGIC, frameOf } from './block-frame.js';
import { EXO_VERSION } from './exo-version.js';
import { TickChecks } from './tick-checks.js';
import type { TickEvent } from './tick-event.js';
import { TICK_CODEC, TICK_FORMAT, TICK_VERSION, type TickHeader } from './tick-header.js';

/** How a tick file is written. */
export interface TickWriterOptions {
  /** The feed recorded, for the header. */
  readonly feed: string;
  /** Flushes go by it (1 s by default), and the header's `created` is its time. */
  readonly clock: Clock;
  /** More header fields (a simulated feed's seed). */
  readonly header?: Readonly<Record<string, unknown>>;
  /** Events per block at most. Default 4096. */
  readonly blockEvents?: number;
  /** A block is written at the latest this long after its first event. Default 1000 ms. */
  readonly flushMs?: number;
}

/**
 * Writes an exo tick file: the header line, then a block each `blockEvents` events or `flushMs`
 * after a block's first event, whichever comes first, and the end block on `close`. Writes are
 * synchronous (a block is a few tens of kilobytes), so a close from a signal handler completes.
 * A bad event is refused (TickFileError) and nothing of it is written.
 */
export class TickWriter {
  readonly header: TickHeader;
  readonly #fd: number;
  readonly #clock: Clock;
  readonly #encoder: BlockEncoder;
  readonly #blockEvents: number;
  readonly #flushMs: number;
  #timer: CancelTimer | undefined;
  #events = 0;
  #blocks = 0;
  #bytes = 0;
  #closed = false;

  constructor(
    readonly file: string,
    options: TickWriterOptions,
  ) {
    this.#clock = options.clock;
    this.#blockEvents = options.blockEvents ?? 4096;
    this.#flushMs = options.flushMs ?? 1000;
    this.#encoder = new BlockEncoder(new TickChecks(file));
    this.header = {
      format: TICK_FORMAT,
      version: TICK_VERSION,
      codec: TICK_CODEC,
      feed: options.feed,
      exo: EXO_VERSION,
      created: new Date(this.#clock.now()).toISOString(),
      ...options.header,
    };
    this.#fd = openSync(file, 'w');
    this.#write(Buffer.from(`${JSON.stringify(this.header)}\n`));
  }

  /** Events written so far (buffered ones included). */
  get events(): number {
    return this.#events;
  }

  /** Bytes in the file so far (buffered events not included). */
  get bytes(): number {
    return this.#bytes;
  }

  /** Adds one event; throws a TickFileError for a bad one, or an Error once closed. */
  write(event: TickEvent): void {
    if (this.#closed) throw new Error(`${this.file}: the tick file is closed`);
    this.#encoder.add(event);
    this.#events++;
    if (this.#encoder.count >= this.#blockEvents) this.flush();
    else if (this.#timer === undefined) {
      this.#timer = this.#clock.setTimer(this.#clock.now() + this.#flushMs, () => {
        this.#timer = undefined;
        this.flush();
      });
    }
  }

  /** Writes the events buffered as one block (none: nothing). */
  flush(): void {
    this.#timer?.();
    this.#timer = undefined;
    if (this.#closed || this.#encoder.count === 0) return;
    const { values, count } = this.#encoder.take();
    const payload = packBlock(values);
    this.#write(Buffer.concat([frameOf(DATA_MAGIC, count, payload), payload]));
    this.#blocks++;
  }

  /** Flushes, writes the end block and closes the file; again: nothing. */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#write(frameOf(END_MAGIC, this.#blocks, new Uint8Array(0)));
    this.#closed = true;
    closeSync(this.#fd);
  }

  #write(bytes: Buffer): void {
    let done = 0;
    while (done < bytes.length) done += writeSync(this.#fd, bytes, done);
    this.#bytes += bytes.length;
  }
}
