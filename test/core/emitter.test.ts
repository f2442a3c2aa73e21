import { describe, expect, it } from 'vitest';
import { Emitter } from '../../src/core/emitter.js';

interface Events {
  tick: (n: number) => void;
  pair: (a: string, b: number) => void;
}

function emitter() {
  const reported: [unknown, string][] = [];
  const events = new Emitter<Events>((error, event) => reported.push([error, event]));
  return { events, reported };
}

describe('Emitter', () => {
  it('reports a listener that throws with the event name, runs the others, and keeps emitting', () => {
    const { events, reported } = emitter();
    const seen: string[] = [];
    const boom = new Error('boom');
    events.on('tick', (n) => seen.push(`first ${n}`));
    events.on('tick', () => {
      throw boom;
    });
    events.on('tick', (n) => seen.push(`last ${n}`));
    events.emit('tick', 1);
    events.emit('tick', 2);
    expect(seen).toEqual(['first 1', 'last 1', 'first 2', 'last 2']);
    expect(reported).toEqual([
      [boom, 'tick'],
      [boom, 'tick'],
    ]);
  });

  it('passes both arguments, and calls only the listeners of the event emitted', () => {
    const { events } = emitter();
    const pairs: [string, number][] = [];
    const ticks: number[] = [];
    events.on('pair', (a, b) => pairs.push([a, b]));
    events.on('tick', (n) => ticks.push(n));
    events.emit('pair', 'x', 7);
    expect(pairs).toEqual([['x', 7]]);
    expect(ticks).toEqual([]);
  });

  it('removes a listener once, however often its unsubscribe is called', () => {
    const { events } = emitter();
    const seen: string[] = [];
    const listener = (n: number) => seen.push(`same ${n}`);
    const stop = events.on('tick', listener);
    events.on('tick', listener);
    stop();
    stop();
    events.emit('tick', 1);
    expect(seen).toEqual(['same 1']);
    expect(events.listenerCount('tick')).toBe(1);
  });

  it('applies listeners added or removed during an emit from the next emit', () => {
    const { events, reported } = emitter();
    const seen: string[] = [];
    let stopLater: () => void = () => {};
    events.on('tick', (n) => {
      seen.push(`a ${n}`);
      stopLater();
      if (n === 1) events.on('tick', (m) => seen.push(`added ${m}`));
    });
    stopLater = events.on('tick', (n) => seen.push(`removed ${n}`));
    events.emit('tick', 1);
    events.emit('tick', 2);
    expect(seen).toEqual(['a 1', 'removed 1', 'a 2', 'added 2']);
    expect(reported).toEqual([]);
  });
});
