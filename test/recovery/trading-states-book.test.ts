import { describe, expect, it } from 'vitest';
import type { TradingStateChangedRecord } from '../../src/journal/journal-records.js';
import { TRADING_ROW_ID } from '../../src/journal/journal-records.js';
import type { JournalRow, JsonValue } from '../../src/journal/journal-row.js';
import { RecoveryBook } from '../../src/recovery/recovery-book.js';

let sequence = 0;
function row(body: TradingStateChangedRecord | JsonValue): JournalRow {
  sequence++;
  return {
    sequence,
    time: sequence,
    orderId: TRADING_ROW_ID,
    kind: 'trading_state_changed',
    idempotencyKey: `trading:${sequence}`,
    body: body as JsonValue,
  };
}

describe('the recovery book and trading states', () => {
  it('folds each change, the latest per scope winning, and keeps them in its snapshot entry', () => {
    const book = new RecoveryBook();
    book.apply(row({ scope: 'global', state: 'halted', by: 'http', reason: 'venue trouble' }));
    book.apply(row({ scope: 'symbol', symbol: 'ETH-USD', state: 'reducing', by: 'cli' }));
    book.apply(row({ scope: 'symbol', symbol: 'SOL-USD', state: 'halted', by: 'auto' }));
    book.apply(row({ scope: 'global', state: 'active', by: 'dashboard' }));
    book.apply(row({ scope: 'symbol', symbol: 'SOL-USD', state: 'active', by: 'http' }));
    expect(book.tradingStates.toJSON()).toEqual({
      global: 'active',
      symbols: { 'ETH-USD': 'reducing' },
    });
    const reloaded = new RecoveryBook();
    reloaded.load({
      id: 1,
      coversSequence: book.lastSequence,
      time: 0,
      orders: book.snapshotEntries().map(({ orderId, body }) => ({
        orderId,
        body: body as JsonValue,
      })),
    });
    expect(reloaded.tradingStates.toJSON()).toEqual(book.tradingStates.toJSON());
    expect(reloaded.tradingStates.effective('ETH-USD')).toBe('reducing');
  });

  it('refuses a damaged change naming the row and the field', () => {
    const book = new RecoveryBook();
    expect(() => book.apply(row({ scope: 'global', state: 'paused', by: 'http' }))).toThrow(
      /body\.state: expected active, reducing or halted, got "paused"/,
    );
    expect(() => book.apply(row({ scope: 'symbol', state: 'halted', by: 'http' }))).toThrow(
      /body\.symbol/,
    );
    expect(() => book.apply(row({ scope: 'global', state: 'halted', by: 'someone' }))).toThrow(
      /body\.by: expected http, cli, dashboard, auto/,
    );
  });
});
