import type { RenewedLease } from './lease-renewal.js';
import type { PgTarget } from './pg-target.js';

/** What the main thread tells the lease renewer thread. */
export type RenewerRequest =
  /** Connect to `target`'s database (if not yet) and answer `ready`: a lease is about to be taken. */
  | { readonly kind: 'prepare'; readonly id: number; readonly target: PgTarget }
  /** Renew this lease, from `acquiredAt` (MONOTONIC), writing its deadline into `cell`. */
  | {
      readonly kind: 'renew';
      readonly id: number;
      readonly target: PgTarget;
      readonly lease: RenewedLease;
      readonly acquiredAt: number;
      readonly cell: SharedArrayBuffer;
    }
  /** Stop renewing lease `id`; answered by `stopped` once no renewal of it is in flight. */
  | { readonly kind: 'stop'; readonly id: number }
  /** No lease is left: close every connection and end the thread. */
  | { readonly kind: 'end' };

/** What the lease renewer thread tells the main thread. */
export type RenewerReply =
  /** The thread runs and has tried to connect for `prepare` request `id`. */
  | { readonly kind: 'ready'; readonly id: number }
  /** Lease `id`'s cell changed in a way the main thread must act on (it was marked lost). */
  | { readonly kind: 'changed'; readonly id: number }
  /** Lease `id` is no longer renewed and no renewal of it is in flight. */
  | { readonly kind: 'stopped'; readonly id: number };
