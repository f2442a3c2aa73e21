import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { ScriptedMarket } from '../../src/feeds/sim/index.js';
import { decimal } from '../../src/market/decimal.js';
import type { Report } from '../../src/market/report.js';
import { Trade } from '../../src/market/trade.js';
import { ClientIdChains } from '../../src/venues/client-id-chains.js';
import { PaperVenue } from '../../src/venues/paper/paper-venue.js';
import { drive } from '../recovery/helpers.js';
import { RenamingVenue } from './renaming-venue.js';

/** A renaming venue over paper, seen through the chains; every report the chains passed on. */
function setup() {
  const clock = new VirtualClock(1_000);
  const market = new ScriptedMarket();
  const paper = new PaperVenue({ market, clock, latencyMs: 1 });
  const venue = new RenamingVenue(paper);
  const chains = new ClientIdChains(venue);
  const reports: Report[] = [];
  chains.onReport((report) => reports.push(report));
  const settle = (): void => clock.advance(5);
  const print = (px: string, qty: string): void =>
    market.publishTrade(Trade.of('ETH-USD', decimal(px), decimal(qty), clock.now()));
  const answer = <T>(promise: Promise<T>): Promise<T> => drive(clock, promise, 100);
  chains.submit({
    clOrdId: 'P-1',
    parentId: 'P',
    symbol: 'ETH-USD',
    side: 'buy',
    quantity: decimal('2'),
    limitPrice: decimal('3500'),
    timeInForce: 'gtc',
  });
  settle();
  return { clock, paper, venue, chains, reports, settle, print, answer };
}

const gist = (report: Report) => [report.execType, report.clOrdId, report.venueClOrdId];

describe('ClientIdChains', () => {
  it('sends a replace under the name the venue uses, and maps every later name back', async () => {
    const { venue, chains, reports, settle, print, answer } = setup();
    chains.replace({ clOrdId: 'P-1', newClOrdId: 'P-2', limitPrice: decimal('3500.05') });
    settle();
    expect(chains.current('P-1')).toBe('P-2');
    chains.replace({ clOrdId: 'P-1', newClOrdId: 'P-3', quantity: decimal('3') });
    settle();
    print('3500', '1');
    settle();
    chains.cancel('P-1');
    settle();

    expect(venue.replaces.map((r) => [r.clOrdId, r.newClOrdId])).toEqual([
      ['P-1', 'P-2'],
      ['P-2', 'P-3'],
    ]);
    expect(venue.cancels).toEqual(['P-3']);
    expect(reports.map(gist)).toEqual([
      ['new', 'P-1', undefined],
      ['replaced', 'P-1', 'P-2'],
      ['replaced', 'P-1', 'P-3'],
      ['trade', 'P-1', 'P-3'],
      ['canceled', 'P-1', 'P-3'],
    ]);
    const [fill] = (await answer(chains.fillsSince())).fills;
    expect(fill).toMatchObject({ clOrdId: 'P-1' });
    expect((await answer(chains.fillsOf!('P-1'))).map((f) => f.execId)).toEqual([fill!.execId]);
    expect(await answer(chains.orderStatus('P-1'))).toMatchObject({
      clOrdId: 'P-1',
      venueClOrdId: 'P-3',
      status: 'canceled',
    });
  });

  it('keeps the name on a refused rename', () => {
    const { chains, reports, settle } = setup();
    chains.replace({ clOrdId: 'P-1', newClOrdId: 'P-2', limitPrice: decimal('3500.05') });
    settle();
    // A quantity off the lot grid: refused, under the name it offered.
    chains.replace({ clOrdId: 'P-1', newClOrdId: 'P-3', quantity: decimal('2.0001') });
    settle();
    expect(reports.at(-1)).toMatchObject({
      execType: 'replace_rejected',
      clOrdId: 'P-1',
      venueClOrdId: 'P-3',
    });
    expect(chains.current('P-1')).toBe('P-2');
  });

  it('a late report under an old name reaches the child, and takes the name back from nothing', () => {
    const { venue, chains, reports, settle, print } = setup();
    venue.holding = (report) => report.execType === 'trade';
    print('3500', '0.5');
    settle();
    chains.replace({ clOrdId: 'P-1', newClOrdId: 'P-2', limitPrice: decimal('3500.05') });
    settle();
    venue.holding = () => false;
    venue.release();
    print('3500.05', '0.5');
    settle();
    expect(reports.map(gist)).toEqual([
      ['new', 'P-1', undefined],
      ['replaced', 'P-1', 'P-2'],
      ['trade', 'P-1', undefined],
      ['trade', 'P-1', 'P-2'],
    ]);
    expect(chains.current('P-1')).toBe('P-2');
  });

  it('asks for a status by the newest name first, then the older ones', async () => {
    const { chains, answer } = setup();
    chains.follow(['P-1', 'P-2'], 'P-1');
    // P-2 was offered (journaled) but never reached the venue: the venue knows only P-1.
    expect(await answer(chains.orderStatus('P-1'))).toMatchObject({
      clOrdId: 'P-1',
      status: 'new',
    });
    expect(chains.current('P-1')).toBe('P-1');
    expect(await answer(chains.orderStatus('P-9'))).toBeUndefined();
  });

  it('holds only renamed children, and forgets a completed parent’s', () => {
    const { chains } = setup();
    expect(chains.current('Q-1')).toBe('Q-1');
    chains.follow(['P-1', 'P-2', 'P-3'], 'P-2');
    expect(chains.current('P-1')).toBe('P-2');
    chains.forget('P');
    expect(chains.current('P-1')).toBe('P-1');
  });
});
