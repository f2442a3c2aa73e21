import {
  closeSync,
  fsyncSync,
  ftruncateSync,
  openSync,
  readFileSync,
  renameSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { FixField } from '../../fix/message.js';
import { extended } from '../../market/extended.js';
import type { FixOrderState } from './fix-order.js';

/** What the journal held when opened: the latest state of each order, and the counters. */
export interface JournalContents {
  readonly orders: FixOrderState[];
  /** The highest ExecID number used: the next report takes the one above. */
  readonly execCount: number;
  /** The highest OrderID number used. */
  readonly orderCount: number;
  /** The report of the journal's last line: a kill may have come before the session stored it. */
  readonly lastReport?: JournaledReport;
}

/** An ExecutionReport as journaled before it went to its owner's session. */
export interface JournaledReport {
  readonly owner: string;
  readonly body: FixField[];
}

/** One journal line: an order's new state (or none) with the counters as of it, and the report that tells of it. */
interface JournalLine {
  readonly o?: FixOrderState;
  readonly x: number;
  readonly n: number;
  readonly r?: JournaledReport;
}

/** Lines beyond one per order that a journal may hold before opening it rewrites it compactly. */
const COMPACT_SLACK = 10_000;

/**
 * The FIX venue's book on disk: one JSON line per change of an order (its whole state) with the
 * ExecID and OrderID counters, appended before the report that tells of it reaches the session,
 * so that a venue killed with -9 restarts with every working order and never reuses an ExecID.
 * A torn last line (a crash mid-write) is cut off on open, and a journal with many more lines than
 * orders is rewritten on open with one line per order (to a new file renamed over the old one).
 */
export class OrderJournal {
  readonly #fd: number;

  private constructor(
    fd: number,
    readonly fsync: boolean,
  ) {
    this.#fd = fd;
  }

  /** Opens (or creates) the journal at `path` and reads what it holds. */
  static open(path: string, fsync: boolean): { journal: OrderJournal; contents: JournalContents } {
    const { contents, lines } = OrderJournal.#read(path);
    if (lines > contents.orders.length + COMPACT_SLACK) OrderJournal.#rewrite(path, contents);
    return { journal: new OrderJournal(openSync(path, 'a'), fsync), contents };
  }

  /** What the file holds, its torn tail cut off, and how many lines that took. */
  static #read(path: string): { contents: JournalContents; lines: number } {
    const fd = openSync(path, 'a+');
    const bytes = readFileSync(path);
    const byId = new Map<string, FixOrderState>();
    let execCount = 0;
    let orderCount = 0;
    let good = 0;
    let lines = 0;
    let lastReport: JournaledReport | undefined;
    for (let start = 0; start < bytes.length; ) {
      const end = bytes.indexOf(0x0a, start);
      if (end < 0) break;
      let line: JournalLine;
      try {
        line = JSON.parse(bytes.toString('utf8', start, end)) as JournalLine;
      } catch {
        break;
      }
      if (line.o !== undefined) byId.set(line.o.orderId, line.o);
      execCount = Math.max(execCount, line.x);
      orderCount = Math.max(orderCount, line.n);
      lastReport = line.r;
      start = end + 1;
      good = start;
      lines++;
    }
    ftruncateSync(fd, good);
    closeSync(fd);
    const contents = { orders: [...byId.values()], execCount, orderCount };
    return {
      contents: lastReport === undefined ? contents : extended(contents, { lastReport }),
      lines,
    };
  }

  /** Replaces the file by one line per order, durably (written, fsynced, renamed, directory fsynced). */
  static #rewrite(path: string, contents: JournalContents): void {
    const { orders, execCount: x, orderCount: n } = contents;
    const lines = orders.map((o) => JSON.stringify({ o, x, n } satisfies JournalLine));
    const temp = `${path}.compact`;
    lines.push(JSON.stringify({ x, n } satisfies JournalLine));
    writeFileSync(temp, lines.map((line) => `${line}\n`).join(''));
    const fd = openSync(temp, 'r');
    fsyncSync(fd);
    closeSync(fd);
    renameSync(temp, path);
    const dir = openSync(dirname(path), 'r');
    fsyncSync(dir);
    closeSync(dir);
  }

  /**
   * Appends an order's state (or only the counters, for a report about no order), with the report
   * about to go out when there is one, durably.
   */
  record(
    order: FixOrderState | undefined,
    execCount: number,
    orderCount: number,
    report?: JournaledReport,
  ): void {
    const line: JournalLine = {
      ...(order === undefined ? {} : { o: order }),
      x: execCount,
      n: orderCount,
      ...(report === undefined ? {} : { r: report }),
    };
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
    if (this.fsync) fsyncSync(this.#fd);
  }

  /** Closes the file. */
  close(): void {
    closeSync(this.#fd);
  }
}
