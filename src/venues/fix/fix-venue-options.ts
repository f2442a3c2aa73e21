import type { Clock } from '../../core/clock.js';
import type { Dial } from '../../fix/connector.js';
import type { FsyncPolicy } from '../../fix/store.js';

/** How to reach a FIX 4.4 counterparty, and the session's settings. */
export interface FixVenueOptions {
  /** Opens a connection to the counterparty (tcpDial(host, port) in production). */
  readonly dial: Dial;
  readonly senderCompId: string;
  readonly targetCompId: string;
  /** HeartBtInt (108) in seconds. Default 30. */
  readonly heartBtIntSeconds?: number;
  /**
   * The directory of the session store (`session.store`) and the adapter's order log
   * (`orders.log`); created when missing. Both survive restarts: sequences resume from them.
   */
  readonly storeDir: string;
  /** When the store and the log force appends to disk. Default 'always'. */
  readonly fsync?: FsyncPolicy;
  /** Send ResetSeqNumFlag=Y on every Logon (both sequences back to 1). Default false. */
  readonly resetOnLogon?: boolean;
  /** The longest ClOrdID the counterparty accepts. Default 20. */
  readonly clOrdIdMaxLength?: number;
  /** The venue's name in exo. Default `fix`. */
  readonly name?: string;
  /**
   * At every logon, ask the venue for its working orders (AF) and for each order the adapter
   * thinks working that it did not list (H), and report where the venue is ahead (see
   * reconcileAtLogon). Default true.
   */
  readonly reconcileOnLogon?: boolean;
  /** How long an H or AF may wait for its answer. Default 5000 ms. */
  readonly queryTimeoutMs?: number;
  /** The first and the longest wait between connection attempts. Default 500 and 30000 ms. */
  readonly reconnect?: { readonly initialMs: number; readonly maxMs: number };
  /** Where time and timers come from. Default the wall clock. */
  readonly clock?: Clock;
  /** Told of what the counterparty sent that could not be read or matched. Default: nothing. */
  readonly onProblem?: (problem: string) => void;
}
