import type { Logger } from 'pino';
import type { RecordTakeover } from '../engine/lease-metrics.js';
import type { LeaseHolder } from '../journal/postgres/lease-take.js';
import { MONOTONIC } from '../journal/postgres/monotonic.js';
import type {
  PostgresJournal,
  PostgresJournalOptions,
} from '../journal/postgres/postgres-journal.js';

/**
 * A `--standby` start: a warm standby for the one shard of a PostgreSQL journal. Where a plain
 * start refuses a lease another exo holds, the standby waits for it: it logs
 * `standby: lease held by OWNER for Nms` (again whenever another owner holds it), looks at the
 * lease row every TTL/4 or just after its expiry (server clock), and takes it once expired, by
 * the ordinary acquisition (the epoch bumped), which comes after the old owner's local deadline
 * by a margin (see PgLease.acquire). Until then it opens no port: nothing is served, not even
 * `/healthz` (a process supervisor sees it running; a health check sees no answer). Then the
 * ordinary start runs: replay from the latest snapshot, reconcile with the venue, serve; once
 * serving it logs `takeover: epoch N after Xms`, X from acquiring the lease to serving, and
 * records it in `/metrics`. A signal while it waits stops it cleanly.
 */
export class Standby {
  readonly #logger: Logger;
  readonly #abort = new AbortController();
  readonly #started = MONOTONIC.now();
  #holder: string | undefined;

  /** A standby logging to `logger` that stops waiting when `stop` settles. */
  constructor(logger: Logger, stop: Promise<unknown>) {
    this.#logger = logger;
    void stop.then(() => this.#abort.abort());
  }

  /** Whether a signal ended the wait. */
  get stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  /** The journal options that make opening wait for the lease as a standby. */
  journalOptions(): PostgresJournalOptions {
    return {
      leaseWaitMs: Number.POSITIVE_INFINITY,
      leaseSignal: this.#abort.signal,
      onLeaseHeld: (holder) => this.#held(holder),
    };
  }

  /**
   * Once serving: when another owner held the lease at first, this was a takeover; it is logged
   * and recorded. A standby that found the lease free started as any owner does.
   */
  served(journal: PostgresJournal, record: RecordTakeover): void {
    if (this.#holder === undefined) return;
    const tookMs = MONOTONIC.now() - journal.leaseAcquiredAt;
    const { epoch, shard } = journal.leaseStatus();
    record(tookMs);
    this.#logger.info(
      {
        shard,
        epoch,
        tookMs,
        standbyMs: journal.leaseAcquiredAt - this.#started,
        from: this.#holder,
      },
      `takeover: epoch ${epoch} after ${Math.round(tookMs)}ms`,
    );
  }

  #held({ owner, leftMs }: LeaseHolder): void {
    if (owner === this.#holder) return;
    this.#holder = owner;
    const left = Math.ceil(leftMs);
    this.#logger.info({ owner, leftMs: left }, `standby: lease held by ${owner} for ${left}ms`);
  }
}
