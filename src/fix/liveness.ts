/** Silence, in heartbeat intervals, before a TestRequest; twice this and the connection is dead (as QuickFIX). */
const TEST_REQUEST_AFTER = 1.2;

/** What the heartbeat rules ask for at one check. */
export interface LivenessDue {
  /** The counterparty was silent through a TestRequest: drop the connection. */
  readonly dead: boolean;
  /** Send a TestRequest with this TestReqID. */
  readonly testReqId?: string;
  /** Nothing sent for a heartbeat interval: send a Heartbeat. */
  readonly heartbeat: boolean;
}

/**
 * The heartbeat rules of one connection: when we must send a Heartbeat, when the counterparty's
 * silence calls for a TestRequest, and when, still silent, it is taken for dead.
 */
export class Liveness {
  #lastSent: number;
  #lastReceived: number;
  #testRequestSent = false;
  #testRequests = 0;

  constructor(now: number) {
    this.#lastSent = now;
    this.#lastReceived = now;
  }

  /** We put bytes on the wire at `now`. */
  sent(now: number): void {
    this.#lastSent = now;
  }

  /** The counterparty's bytes arrived at `now`: whatever it sent proves it alive. */
  received(now: number): void {
    this.#lastReceived = now;
    this.#testRequestSent = false;
  }

  /** What is due at `now` for a heartbeat interval of `heartBtMs`. */
  due(now: number, heartBtMs: number): LivenessDue {
    const silence = now - this.#lastReceived;
    if (this.#testRequestSent && silence >= 2 * TEST_REQUEST_AFTER * heartBtMs)
      return { dead: true, heartbeat: false };
    let testReqId: string | undefined;
    if (!this.#testRequestSent && silence >= TEST_REQUEST_AFTER * heartBtMs) {
      this.#testRequestSent = true;
      testReqId = `TEST-${++this.#testRequests}`;
    }
    const heartbeat = now - this.#lastSent >= heartBtMs;
    return testReqId === undefined
      ? { dead: false, heartbeat }
      : { dead: false, testReqId, heartbeat };
  }
}
