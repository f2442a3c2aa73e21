import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import type { FsyncPolicy } from '../../fix/store.js';

/** One line of the adapter's log (see FixOrders): what it must know again after a restart. */
export type OrderLogRecord =
  /** The adapter opened: wire IDs made from now on carry incarnation `n`. */
  | { readonly t: 'inc'; readonly n: number }
  /** A NewOrderSingle about to leave: its wire ClOrdID and the child's terms. */
  | {
      readonly t: 'order';
      readonly w: string;
      readonly id: string;
      readonly parent: string;
      readonly symbol: string;
      readonly side: 'buy' | 'sell';
      readonly qty: string;
      readonly px?: string;
      readonly tif: string;
    }
  /** A later wire ClOrdID (a G's, or an F's) for the order first sent as `of`, naming exo's `id`. */
  | { readonly t: 'name'; readonly w: string; readonly id: string; readonly of: string }
  /** An ExecutionReport applied: its ExecID, cursor number and what it changed. */
  | {
      readonly t: 'exec';
      readonly e: string;
      readonly n: number;
      readonly w: string;
      readonly st: string;
      readonly oid?: string;
      readonly qty?: string;
      readonly px?: string;
      readonly fill?: { readonly qty: string; readonly px: string; readonly time: number };
    };

/**
 * An append-only file of JSON lines, one record each, written before what it records takes
 * effect (a request leaves, a report reaches exo). On open a torn last line (a crash mid-write)
 * is cut off; `fsync` says when appends are forced to disk, as for the session store.
 */
export class OrderLog {
  readonly #fd: number;
  /** Between hold() and commit(): whether an append is not yet on disk. */
  #held: { dirty: boolean } | undefined;

  private constructor(
    fd: number,
    readonly records: readonly OrderLogRecord[],
    readonly fsync: FsyncPolicy,
  ) {
    this.#fd = fd;
  }

  /** Opens (or creates) the log at `path` and reads what it holds. */
  static open(path: string, fsync: FsyncPolicy = 'always'): OrderLog {
    const fd = openSync(path, 'a+');
    const text = readFileSync(path, 'utf8');
    const records: OrderLogRecord[] = [];
    const length = Buffer.byteLength(text);
    let good = 0;
    for (const line of text.split('\n')) {
      const end = good + Buffer.byteLength(line) + 1;
      if (end > length && line !== '') break; // no newline: torn
      if (line === '') break;
      try {
        records.push(JSON.parse(line) as OrderLogRecord);
      } catch {
        break;
      }
      good = end;
    }
    ftruncateSync(fd, good);
    return new OrderLog(fd, records, fsync);
  }

  append(record: OrderLogRecord): void {
    writeSync(this.#fd, `${JSON.stringify(record)}\n`);
    if (this.#held !== undefined) this.#held.dirty = true;
    else if (this.fsync === 'always') fsyncSync(this.#fd);
  }

  /** Forces appends to disk: the 'batch' policy's commit point ('always' has forced each already). */
  sync(): void {
    if (this.fsync === 'batch') fsyncSync(this.#fd);
  }

  /** Appends from now on are written but forced to disk only by commit() (one fsync for many). */
  hold(): void {
    this.#held ??= { dirty: false };
  }

  /** Forces what was appended since hold() to disk (unless 'never'), and fsyncs each append again. */
  commit(): void {
    const held = this.#held;
    this.#held = undefined;
    if (held?.dirty === true && this.fsync !== 'never') fsyncSync(this.#fd);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
