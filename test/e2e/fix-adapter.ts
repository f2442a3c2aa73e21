import { tcpDial } from '../../src/fix/connector.js';
import { Decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import type { TimeInForce } from '../../src/market/time-in-force.js';
import { FixVenue } from '../../src/venues/fix/index.js';
import { DIRECT_ID, until } from './fix-processes.js';

/**
 * exo's FIX adapter (src/venues/fix) in the test's process, logged on to the venue process as
 * DIRECT, with every report it hands exo kept: for children exo's HTTP API cannot ask for (its
 * algorithms send no FOK and no market order).
 */
export class DirectAdapter {
  readonly reports: Report[] = [];
  readonly problems: string[] = [];
  readonly venue: FixVenue;
  #n = 0;

  constructor(port: number, storeDir: string) {
    this.venue = new FixVenue({
      dial: tcpDial('127.0.0.1', port),
      senderCompId: DIRECT_ID,
      targetCompId: 'PAPER',
      heartBtIntSeconds: 1,
      storeDir,
      fsync: 'never',
      onProblem: (problem) => this.problems.push(problem),
    });
    this.venue.onReport((report) => this.reports.push(report));
  }

  /** Resolves once logged on. */
  started(): Promise<void> {
    return until(() => this.venue.connected, 20_000, 'the adapter to log on');
  }

  /** Sends a BTC-USD child (market without `limitPrice`); its ID. */
  submit(side: 'buy' | 'sell', quantity: string, timeInForce: TimeInForce, limitPrice?: string) {
    const clOrdId = `direct-${++this.#n}`;
    this.venue.submit({
      clOrdId,
      parentId: 'direct',
      symbol: 'BTC-USD',
      side,
      quantity: new Decimal(quantity),
      ...(limitPrice === undefined ? {} : { limitPrice: new Decimal(limitPrice) }),
      timeInForce,
    });
    return clOrdId;
  }

  /** The reports of child `clOrdId` so far. */
  of(clOrdId: string): Report[] {
    return this.reports.filter((report) => report.clOrdId === clOrdId);
  }

  /** Resolves with the child's reports once one has `status`. */
  async until(clOrdId: string, status: Report['status']): Promise<Report[]> {
    const reached = () => this.of(clOrdId).some((report) => report.status === status);
    await until(reached, 10_000, `child ${clOrdId} to be ${status}`);
    return this.of(clOrdId);
  }

  close(): Promise<void> {
    return this.venue.close();
  }
}
