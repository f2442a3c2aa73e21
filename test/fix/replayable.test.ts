import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { FixMessage } from '../../src/fix/message.js';
import { FixSession } from '../../src/fix/session.js';
import { FixStore } from '../../src/fix/store.js';
import { Tag } from '../../src/fix/tags.js';
import { connect, messagesIn, START, side, storePath } from './session-harness.js';

describe('FIX session: message types the owner marks as not replayable', () => {
  it('are sent, stored as a number only, and gap-filled on resend while the others are replayed', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const received: FixMessage[] = [];
    const venueSession = new FixSession(
      {
        role: 'acceptor',
        senderCompId: 'VENUE',
        targetCompId: 'EXO',
        heartBtIntSeconds: 30,
        store: FixStore.open(storePath(), 'never'),
        clock,
        replayable: (msgType) => msgType !== 'W',
      },
      { message: (m) => received.push(m) },
    );
    const venue = { session: venueSession, storePath: '', received, states: [] };
    connect(clock, exo, venue);
    const live = venueSession.send('W', [
      [262, 'MD1'],
      [55, 'BTC-USD'],
      [268, '0'],
    ]);
    clock.advance(0);
    expect(exo.received.map((m) => m.msgType)).toEqual(['W']);
    expect(venueSession.options.store.sentMessage(live)).toBeUndefined();

    exo.session.disconnect();
    clock.advance(0);
    const sent = [
      venueSession.send('8', [
        [11, 'C1'],
        [150, '0'],
      ]),
      venueSession.send('W', [
        [262, 'MD1'],
        [55, 'BTC-USD'],
        [268, '0'],
      ]),
      venueSession.send('8', [
        [11, 'C1'],
        [150, 'F'],
      ]),
    ];
    const [, a] = connect(clock, exo, venue);
    const replayed = messagesIn(a).filter((m) => m.flag(Tag.PossDupFlag));
    // (then a GapFill over the new Logon)
    expect(replayed.slice(0, 3).map((m) => [m.msgType, m.get(Tag.MsgSeqNum)])).toEqual([
      ['8', String(sent[0])],
      ['4', String(sent[1])],
      ['8', String(sent[2])],
    ]);
    expect(replayed[1]!.get(Tag.NewSeqNo)).toBe(String(sent[2]));
    expect(exo.received.map((m) => `${m.msgType}${m.get(150) ?? ''}`)).toEqual(['W', '80', '8F']);
  });
});
