import { expect, it } from 'vitest';
import { main } from '../../examples/hello-delegate.js';

it('the hello-delegate example runs and shows conflation at work', async () => {
  const lines = await main(() => {});
  expect(lines).toEqual([
    'mid 101 spread 1',
    '2 trade(s): volume 4 vwap 101.75',
    expect.stringMatching(/^order exo-.+ complete$/),
  ]);
});
