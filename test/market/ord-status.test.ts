import { describe, expect, it } from 'vitest';
import { isTerminal, ORD_STATUSES } from '../../src/market/index.js';

describe('order status', () => {
  it('filled, canceled, rejected and expired are terminal; everything else may still fill', () => {
    const terminal = ORD_STATUSES.filter(isTerminal);
    expect(terminal).toEqual(['filled', 'canceled', 'rejected', 'expired']);
    expect(isTerminal('pending_cancel')).toBe(false);
    expect(isTerminal('partially_filled')).toBe(false);
  });
});
