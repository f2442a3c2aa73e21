import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Emitter } from '../../src/core/emitter.js';
import { type LoggedFeed, logFeed } from '../../src/engine/feed-log.js';
import type { FeedEvents, FeedProblem, FeedState } from '../../src/feeds/index.js';
import { withoutCredentials } from '../../src/util/without-credentials.js';

/** A pino logger writing JSON lines into an array. */
function capturingLogger(): { logger: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { logger: pino({ level: 'trace' }, stream), lines };
}

/** A feed whose states and problems the test emits itself, on the virtual clock. */
function scriptedFeed(clock: VirtualClock) {
  const events = new Emitter<FeedEvents>((error) => {
    throw error;
  });
  const feed = {
    exchange: 'coinbase' as const,
    state: 'idle' as FeedState,
    stateSince: clock.now(),
    on: events.on.bind(events) as LoggedFeed['on'],
    enter(state: FeedState): void {
      feed.state = state;
      feed.stateSince = clock.now();
      events.emit('state', state);
    },
    problem(problem: Omit<FeedProblem, 'exchange'>): void {
      events.emit('problem', { exchange: 'coinbase', ...problem });
    },
  };
  return feed;
}

const INTERVAL_MS = 10_000;

describe('the feed log', () => {
  it('writes the first failure at once, then at most one line per interval with the count held back', () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { logger, lines } = capturingLogger();
    const feed = scriptedFeed(clock);
    logFeed(feed, logger, { clock, intervalMs: INTERVAL_MS });
    feed.enter('connecting');
    const attempts = 60;
    for (let i = 0; i < attempts; i++) {
      feed.problem({ kind: 'connection', text: 'connect ECONNREFUSED 127.0.0.1:9' });
      feed.enter('reconnecting');
      clock.advance(1_000);
      feed.enter('connecting');
    }
    const failures = lines.filter((line) => line.kind === 'connection');
    const elapsedIntervals = (attempts * 1_000) / INTERVAL_MS;
    expect(failures.length).toBe(elapsedIntervals);
    expect(failures[0]).toMatchObject({ level: 40, exchange: 'coinbase', state: 'connecting' });
    expect(failures[0]!.msg).toBe('feed coinbase connection: connect ECONNREFUSED 127.0.0.1:9');
    const held = failures.slice(1).map((line) => line.heldBack as number);
    expect(held.every((count) => count === INTERVAL_MS / 1_000 - 1)).toBe(true);
    expect(failures.length + held.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(attempts);
    // The first connecting (info) and the first reconnecting (warn) at once, then each at most
    // once per interval, with the changes held back.
    const states = lines.filter((line) => line.kind === undefined);
    expect(states.slice(0, 2)).toMatchObject([
      { level: 30, state: 'connecting', msg: 'feed coinbase connecting' },
      { level: 40, state: 'reconnecting', msg: 'feed coinbase reconnecting' },
    ]);
    for (const state of ['connecting', 'reconnecting']) {
      const written = states.filter((line) => line.state === state);
      expect(written.length).toBeLessThanOrEqual(elapsedIntervals + 1);
      expect(written.at(-1)!.heldBack).toBeGreaterThan(0);
    }
    expect(lines.length).toBeLessThan(attempts / 2);
  });

  it('warns when the feed leaves live, and says how many failures it took to come back', () => {
    const clock = new VirtualClock(1_700_000_000_000);
    const { logger, lines } = capturingLogger();
    const feed = scriptedFeed(clock);
    logFeed(feed, logger, { clock, intervalMs: INTERVAL_MS });
    feed.enter('live');
    clock.advance(60_000);
    feed.problem({ kind: 'stall', text: 'no data and no heartbeat for 10000 ms' });
    feed.enter('stalled');
    feed.enter('reconnecting');
    for (let i = 0; i < 3; i++) {
      feed.problem({ kind: 'connection', text: 'connection closed (code 1006)' });
      clock.advance(1_000);
    }
    feed.enter('live');
    const stalled = lines.find((line) => line.state === 'stalled' && line.kind === undefined);
    expect(stalled).toMatchObject({ level: 40, since: clock.now() - 3_000 });
    const back = lines.at(-1)!;
    expect(back).toMatchObject({ level: 30, state: 'live', failures: 4 });
    expect(back.msg).toBe('feed coinbase live after 4 connection failures and stalls');
  });

  it('never writes URL credentials or query strings', () => {
    const clock = new VirtualClock(0);
    const { logger, lines } = capturingLogger();
    const feed = scriptedFeed(clock);
    logFeed(feed, logger, { clock });
    feed.problem({
      kind: 'connection',
      text: 'Unexpected server response: 401 from wss://user:s3cret@feed.example/ws?token=abc123',
    });
    const text = JSON.stringify(lines);
    expect(text).toContain('wss://feed.example/ws');
    expect(text).not.toContain('s3cret');
    expect(text).not.toContain('abc123');
    expect(withoutCredentials('see https://h.example/a#frag and ws://u@h2/p')).toBe(
      'see https://h.example/a and ws://h2/p',
    );
  });

  it('stops writing once unfollowed', () => {
    const clock = new VirtualClock(0);
    const { logger, lines } = capturingLogger();
    const feed = scriptedFeed(clock);
    const stop = logFeed(feed, logger, { clock });
    feed.enter('connecting');
    const written = lines.length;
    stop();
    feed.enter('reconnecting');
    feed.problem({ kind: 'malformed', text: 'price: not a decimal' });
    expect(written).toBe(1);
    expect(lines.length).toBe(written);
  });
});
