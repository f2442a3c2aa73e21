import { closeSync, fsyncSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs';
import { decodeRecords, encodeRecord, type StoreRecord } from './store-records.js';

/**
 * When the store forces its appends to disk: before anything acts on them ('always': each append
 * made on its own is fsynced at once; those a received chunk causes are held and committed with one
 * fsync before anything acts on them or goes out, see ChunkGroup); at `sync()` ('batch': the
 * session calls it after each received chunk and on disconnect, so what it sends in between is
 * durable only from then on); or never (the OS decides; a process crash loses nothing, a machine
 * crash may).
 */
export type FsyncPolicy = 'always' | 'batch' | 'never';

/**
 * A FIX session's durable state in one append-only file: every sent message by MsgSeqNum
 * (application messages in full, admin ones as a number) and both next sequence numbers.
 * The session appends before a message reaches the socket, so a restart resumes both
 * sequences and can replay what was sent; a torn tail left by a crash is cut off on open.
 */
export class FixStore {
  #fd: number;
  #nextSender = 1;
  #nextTarget = 1;
  readonly #messages = new Map<number, Buffer>();
  /** Records held back by hold(), written at commit(). */
  #held: Buffer[] | undefined;

  private constructor(
    fd: number,
    records: readonly StoreRecord[],
    readonly fsync: FsyncPolicy,
  ) {
    this.#fd = fd;
    for (const record of records) this.#apply(record);
  }

  /** Opens (or creates) the store at `path`, dropping a torn or corrupt tail. */
  static open(path: string, fsync: FsyncPolicy = 'always'): FixStore {
    const fd = openSync(path, 'a+');
    const { records, goodLength } = decodeRecords(readFileSync(path));
    ftruncateSync(fd, goodLength);
    return new FixStore(fd, records, fsync);
  }

  /** The MsgSeqNum our next message will carry. */
  get nextSenderSeq(): number {
    return this.#nextSender;
  }

  /** The MsgSeqNum expected next from the counterparty. */
  get nextTargetSeq(): number {
    return this.#nextTarget;
  }

  /** Records a message sent with `seq`; pass `raw` for application messages so a resend can replay them. */
  recordSent(seq: number, raw?: Buffer): void {
    this.#append(raw === undefined ? { kind: 'sent', seq } : { kind: 'sent', seq, raw });
  }

  /** Records the next MsgSeqNum expected from the counterparty. */
  setNextTarget(next: number): void {
    if (next !== this.#nextTarget) this.#append({ kind: 'target', next });
  }

  /** Sets both sequences, keeping the stored messages (for a SequenceReset-Reset or an operator's correction). */
  setSeqs(sender: number, target: number): void {
    this.#append({ kind: 'seqs', sender, target });
  }

  /**
   * A sequence reset (ResetSeqNumFlag): both sequences back to 1 and every stored message forgotten,
   * by emptying the file, so a session reset daily does not grow its store without bound.
   */
  reset(): void {
    ftruncateSync(this.#fd, 0);
    if (this.fsync !== 'never') fsyncSync(this.#fd);
    if (this.#held !== undefined) this.#held = [];
    this.#messages.clear();
    this.#nextSender = 1;
    this.#nextTarget = 1;
  }

  /** The stored application message sent with `seq`, undefined for admin messages and holes. */
  sentMessage(seq: number): Buffer | undefined {
    return this.#messages.get(seq);
  }

  /** Forces appends to disk: the 'batch' policy's commit point ('always' has forced each already). */
  sync(): void {
    if (this.fsync === 'batch') fsyncSync(this.#fd);
  }

  /**
   * Holds the records appended from now on: they take effect at once (sequences, resend) but are
   * written only by commit(), in one write and (unless 'never') one fsync: see ChunkGroup.
   */
  hold(): void {
    this.#held ??= [];
  }

  /** Writes and forces to disk what hold() kept back, and appends normally again. */
  commit(): void {
    const held = this.#held;
    this.#held = undefined;
    if (held === undefined || held.length === 0) return;
    writeSync(this.#fd, held.length === 1 ? held[0]! : Buffer.concat(held));
    if (this.fsync !== 'never') fsyncSync(this.#fd);
  }

  /** Closes the file; the store must not be used afterwards. */
  close(): void {
    closeSync(this.#fd);
  }

  #append(record: StoreRecord): void {
    if (this.#held !== undefined) {
      this.#held.push(encodeRecord(record));
    } else {
      writeSync(this.#fd, encodeRecord(record));
      if (this.fsync === 'always') fsyncSync(this.#fd);
    }
    this.#apply(record);
  }

  #apply(record: StoreRecord): void {
    if (record.kind === 'sent') {
      if (record.raw !== undefined) this.#messages.set(record.seq, record.raw);
      this.#nextSender = Math.max(this.#nextSender, record.seq + 1);
    } else if (record.kind === 'target') {
      this.#nextTarget = record.next;
    } else {
      this.#nextSender = record.sender;
      this.#nextTarget = record.target;
    }
  }
}
