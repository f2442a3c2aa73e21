import type { SessionRejectReason } from './tags.js';

/**
 * What is wrong with a received message, returned instead of thrown:
 * a garbled frame is dropped silently (as QuickFIX does, without a sequence number spent);
 * a reject is answered with a session Reject (35=3) carrying the reason, RefTagID and text.
 */
export type FixProblem =
  | { readonly kind: 'garbled'; readonly text: string }
  | {
      readonly kind: 'reject';
      readonly reason: SessionRejectReason;
      readonly refTagId?: number;
      readonly text: string;
      /** After the Reject the session logs out and disconnects (CompID and SendingTime problems). */
      readonly logout?: boolean;
    };
