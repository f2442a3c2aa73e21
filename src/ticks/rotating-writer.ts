import { existsSync, rmSync } from 'node:fs';
import type { Clock } from '../core/clock.js';
import type { TickEvent } from './tick-event.js';
import { TickWriter, type TickWriterOptions } from './tick-writer.js';

/** When a recording moves on to its next file: after this long, or once a file is this big. */
export type TickRotation = { readonly everyMs: number } | { readonly bytes: number };

/** The name of the `index`th file of a rotated recording: `ticks.exo`, `ticks.1.exo`, … */
export function rotatedName(file: string, index: number): string {
  if (index === 0) return file;
  const dot = file.lastIndexOf('.');
  const slash = file.lastIndexOf('/');
  return dot > slash + 1 ? `${file.slice(0, dot)}.${index}${file.slice(dot)}` : `${file}.${index}`;
}

/**
 * A recording written to one tick file, or to a series of them (rotatedName) when given a
 * rotation: each file is whole (header, blocks, end block), so each replays on its own. A file
 * already there under a name it writes is overwritten.
 */
export class RecordingFiles {
  readonly files: string[] = [];
  /** The files this recording created (not there before it wrote them). */
  readonly #created: string[] = [];
  #writer: TickWriter;
  #openedAt: number;
  #events = 0;
  readonly #clock: Clock;

  constructor(
    readonly file: string,
    private readonly options: TickWriterOptions,
    private readonly rotation?: TickRotation,
  ) {
    this.#clock = options.clock;
    this.#writer = this.#open();
    this.#openedAt = this.#clock.now();
  }

  /** Events written over every file. */
  get events(): number {
    return this.#events;
  }

  /** Writes one event, moving on to the next file first when the rotation says so. */
  write(event: TickEvent): void {
    if (this.#due()) {
      this.#writer.close();
      this.#writer = this.#open();
      this.#openedAt = this.#clock.now();
    }
    this.#writer.write(event);
    this.#events++;
  }

  /** Closes the current file with its end block. */
  close(): void {
    this.#writer.close();
  }

  /**
   * Closes the current file and removes the files this recording created, for a run that failed
   * to start: one that was there before is left (overwritten), never deleted.
   */
  discard(): void {
    this.#writer.close();
    for (const file of this.#created) rmSync(file, { force: true });
  }

  #due(): boolean {
    const rotation = this.rotation;
    if (rotation === undefined || this.#writer.events === 0) return false;
    return 'bytes' in rotation
      ? this.#writer.bytes >= rotation.bytes
      : this.#clock.now() - this.#openedAt >= rotation.everyMs;
  }

  #open(): TickWriter {
    const name = rotatedName(this.file, this.files.length);
    this.files.push(name);
    if (!existsSync(name)) this.#created.push(name);
    return new TickWriter(name, this.options);
  }
}
