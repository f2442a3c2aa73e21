import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { FixSession } from '../../../src/fix/session.js';
import { FixStore } from '../../../src/fix/store.js';
import { sendLostReport } from '../../../src/venues/fix-venue/lost-report.js';
import { OrderJournal } from '../../../src/venues/fix-venue/order-journal.js';
import { storeDir } from './venue-process.js';

describe('FIX venue: the report a kill caught between journal and session store', () => {
  it('is read back as the journal last line and sent again only when no stored message carries its ExecID', () => {
    const dir = storeDir();
    const { journal } = OrderJournal.open(join(dir, 'orders.jsonl'), false);
    const stored = {
      owner: 'EXO',
      body: [
        [37, 'O1'],
        [17, 'E1'],
        [150, '0'],
      ] as [number, string][],
    };
    const lost = {
      owner: 'EXO',
      body: [
        [37, 'O1'],
        [17, 'E2'],
        [150, 'F'],
      ] as [number, string][],
    };
    journal.record(undefined, 1, 1, stored);
    journal.record(undefined, 2, 1, lost);
    journal.close();
    const { contents } = OrderJournal.open(join(dir, 'orders.jsonl'), false);
    expect(contents.lastReport).toEqual(lost);

    const session = new FixSession(
      {
        role: 'acceptor',
        senderCompId: 'PAPER',
        targetCompId: 'EXO',
        heartBtIntSeconds: 30,
        store: FixStore.open(join(dir, 'session.store'), 'never'),
        clock: new VirtualClock(0),
      },
      { message: () => {} },
    );
    const sessions = new Map([['EXO', session]]);
    session.send('8', stored.body);
    expect(sendLostReport(stored, sessions)).toBe(false);
    expect(session.options.store.nextSenderSeq).toBe(2);
    expect(sendLostReport(lost, sessions)).toBe(true);
    expect(session.options.store.sentMessage(2)?.toString('latin1')).toContain('\x0117=E2\x01');
    expect(sendLostReport(lost, sessions)).toBe(false);
    expect(sendLostReport({ ...lost, owner: 'GONE' }, sessions)).toBe(false);
    expect(sendLostReport(undefined, sessions)).toBe(false);
  });
});
