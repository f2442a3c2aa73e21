import { describe, expect, it } from 'vitest';
import { RealClock } from '../../src/core/clock.js';

describe('RealClock', () => {
  it('runs a timer already due on the next turn of the loop, with the immediates queued after it (not after setTimeout’s 1 ms)', async () => {
    const clock = new RealClock();
    const order: string[] = [];
    clock.setTimer(clock.now() - 5, () => order.push('due'));
    await new Promise<void>((resolve) =>
      setImmediate(() => {
        order.push('immediate');
        resolve();
      }),
    );
    expect(order).toEqual(['due', 'immediate']);
  });

  it('cancels a due timer before it runs, and still waits for one in the future', async () => {
    const clock = new RealClock();
    const order: string[] = [];
    const cancel = clock.setTimer(clock.now(), () => order.push('cancelled'));
    cancel();
    clock.setTimer(clock.now() + 20, () => order.push('later'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(order).toEqual([]);
    await new Promise((resolve) => clock.setTimer(clock.now() + 40, () => resolve(undefined)));
    expect(order).toEqual(['later']);
  });
});
