import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import { Tag } from '../../src/fix/tags.js';
import { memoryPair } from './memory-transport.js';
import {
  connect,
  exoHeader,
  messagesIn,
  rawFrame,
  restart,
  START,
  side,
} from './session-harness.js';

const D: Array<[number, string]> = [
  [11, 'C1'],
  [55, 'BTC-USD'],
  [54, '1'],
  [60, '20261206-03:00:00.000'],
  [38, '0.00012345'],
  [40, '2'],
  [44, '98765.4321'],
];

describe('FIX session: logon, heartbeats, application messages', () => {
  it('logs on, exchanges heartbeats, hands application messages to the owner with string decimals', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    const [i, a] = connect(clock, exo, venue);
    expect([exo.session.state, venue.session.state]).toEqual(['active', 'active']);
    exo.session.send('D', D);
    clock.advance(0);
    expect(venue.received.map((m) => [m.msgType, m.get(38), m.get(44)])).toEqual([
      ['D', '0.00012345', '98765.4321'],
    ]);
    clock.advance(31_000);
    expect(messagesIn(i).map((m) => m.msgType)).toEqual(['A', 'D', '0']);
    expect(messagesIn(a).map((m) => m.msgType)).toEqual(['A', '0']);
    expect(exo.states.at(-1)?.[0]).toBe('active');
  });

  it('with HeartBtInt=1 a frozen counterparty gets a TestRequest, then the connection is dropped', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator', undefined, 1);
    const venue = side(clock, 'acceptor');
    const [i, a] = connect(clock, exo, venue);
    a.frozen = true; // the venue neither reads nor answers
    clock.advance(1_300);
    expect(messagesIn(i).map((m) => m.msgType)).toContain('1');
    expect(exo.session.state).toBe('active');
    clock.advance(1_200);
    expect(exo.session.state).toBe('disconnected');
    expect(exo.states.at(-1)).toEqual(['disconnected', 'TestRequest unanswered']);
  });

  it('a late close of an old connection does not end the new one', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    const [old] = memoryPair(clock);
    exo.session.connect(old);
    exo.session.disconnect(); // the old connection's 'closed' is still on its way
    connect(clock, exo, venue);
    clock.advance(0);
    expect([exo.session.state, venue.session.state]).toEqual(['active', 'active']);
  });

  it('an initiator whose Logon goes unanswered closes the connection at the logon timeout', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const [i, a] = memoryPair(clock);
    a.attach({ data: () => {}, closed: () => {} }); // a counterparty that never answers
    exo.session.connect(i);
    clock.advance(9_900);
    expect(exo.session.state).toBe('logging-on');
    clock.advance(200);
    expect(exo.states.at(-1)).toEqual(['disconnected', 'logon timeout']);
    expect(i.open).toBe(false);
  });

  it('Logout handshake closes both sides', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    connect(clock, exo, venue);
    exo.session.logout('bye');
    clock.advance(0);
    expect([exo.session.state, venue.session.state]).toEqual(['disconnected', 'disconnected']);
    expect(venue.states.at(-1)).toEqual(['disconnected', 'Logout received: bye']);
  });
});

describe('FIX session: sequences across restarts and gaps', () => {
  it('a restarted session continues both sequences from its store, with no reset', () => {
    const clock = new VirtualClock(START);
    let exo = side(clock, 'initiator');
    let venue = side(clock, 'acceptor');
    connect(clock, exo, venue);
    exo.session.send('D', D);
    clock.advance(0);
    exo.session.disconnect();
    clock.advance(0);
    exo = restart(clock, exo, 'initiator');
    venue = restart(clock, venue, 'acceptor');
    const [i] = connect(clock, exo, venue);
    const logon = messagesIn(i)[0]!;
    expect([logon.msgType, logon.get(Tag.MsgSeqNum), logon.has(Tag.ResetSeqNumFlag)]).toEqual([
      'A',
      '3',
      false,
    ]);
    expect(venue.session.state).toBe('active');
    expect(venue.session.counters.resendRequestsSent).toBe(0);
  });

  it('messages sent while disconnected are replayed PossDup on ResendRequest; admin ones become GapFills', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    connect(clock, exo, venue);
    clock.advance(31_000); // a heartbeat (seq 2) to be gap-filled later
    exo.session.disconnect();
    clock.advance(0);
    for (const id of ['C1', 'C2', 'C3']) exo.session.send('D', [[11, id], ...D.slice(1)]);
    clock.advance(5_000);
    const [i, a] = connect(clock, exo, venue);
    expect(
      messagesIn(a)
        .find((m) => m.msgType === '2')
        ?.get(Tag.BeginSeqNo),
    ).toBe('3');
    expect(venue.received.map((m) => m.get(11))).toEqual(['C1', 'C2', 'C3']);
    const replayed = messagesIn(i).filter((m) => m.flag(Tag.PossDupFlag));
    expect(replayed.map((m) => [m.msgType, m.get(Tag.MsgSeqNum)])).toEqual([
      ['D', '3'],
      ['D', '4'],
      ['D', '5'],
      ['4', '6'],
    ]);
    expect(replayed[0]!.get(Tag.OrigSendingTime)).toBe('20261206-03:00:31.000');
    expect(replayed[3]!.get(Tag.NewSeqNo)).toBe('7');
    expect(exo.session.counters).toMatchObject({ messagesResent: 3, gapFillsSent: 1 });
    expect(venue.session.options.store.nextTargetSeq).toBe(7);
  });

  it('1,000 reports sent while the initiator was away are all replayed, once each and in order', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    connect(clock, exo, venue);
    exo.session.disconnect();
    clock.advance(0);
    const sent = Array.from({ length: 1_000 }, (_, n) => `E${n}`);
    for (const execId of sent) venue.session.send('8', [[17, execId]]);
    connect(clock, exo, venue);
    expect(exo.received.map((m) => m.get(17))).toEqual(sent);
    expect(exo.received.every((m) => m.flag(Tag.PossDupFlag))).toBe(true);
    expect(venue.session.counters).toMatchObject({ messagesResent: 1_000, gapFillsSent: 1 });
  });

  it('a Logon with MsgSeqNum too low gets a Logout with text and no reset', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator');
    const venue = side(clock, 'acceptor');
    venue.session.options.store.setNextTarget(10);
    const [i, a] = connect(clock, exo, venue);
    expect(messagesIn(a).map((m) => [m.msgType, m.get(Tag.Text)])).toEqual([
      ['5', 'MsgSeqNum too low, expecting 10 but received 1'],
    ]);
    expect(i.open).toBe(false);
    expect(venue.session.options.store.nextTargetSeq).toBe(10);
  });

  it('ResetSeqNumFlag=Y starts both sequences at 1 on both sides', () => {
    const clock = new VirtualClock(START);
    const exo = side(clock, 'initiator', undefined, 30, true);
    const venue = side(clock, 'acceptor');
    exo.session.options.store.setSeqs(40, 50);
    venue.session.options.store.setSeqs(50, 40);
    const [i, a] = connect(clock, exo, venue);
    expect(messagesIn(i)[0]!.get(Tag.MsgSeqNum)).toBe('1');
    expect(messagesIn(a)[0]!.get(Tag.ResetSeqNumFlag)).toBe('Y');
    expect(messagesIn(a)[0]!.get(Tag.MsgSeqNum)).toBe('1');
    const stores = [exo, venue].map((s) => [
      s.session.options.store.nextSenderSeq,
      s.session.options.store.nextTargetSeq,
    ]);
    expect(stores).toEqual([
      [2, 2],
      [2, 2],
    ]);
  });
});

describe('FIX session: hand-made input to an acceptor', () => {
  function acceptorWithRaw() {
    const clock = new VirtualClock(START);
    const venue = side(clock, 'acceptor');
    const [raw, a] = memoryPair(clock);
    raw.attach({ data: () => {}, closed: () => {} });
    venue.session.connect(a);
    const send = (body: string) => {
      raw.send(rawFrame(body));
      clock.advance(0);
    };
    return { clock, venue, a, raw, send };
  }
  const logon = (clock: VirtualClock) => `${exoHeader('A', 1, clock)}98=0|108=30|`;

  it('an incoming GapFill moves the expected number; SequenceReset-Reset moves it whatever the MsgSeqNum', () => {
    const { clock, venue, send } = acceptorWithRaw();
    send(logon(clock));
    send(`${exoHeader('4', 2, clock)}123=Y|36=5|`);
    expect(venue.session.options.store.nextTargetSeq).toBe(5);
    send(`${exoHeader('D', 5, clock)}11=X|`);
    expect(venue.received.map((m) => m.get(11))).toEqual(['X']);
    send(`${exoHeader('4', 1, clock)}36=20|`);
    expect(venue.session.options.store.nextTargetSeq).toBe(20);
  });

  it('early messages wait in order behind a gap, a PossDup already seen is dropped, a low one without PossDup logs out', () => {
    const { clock, venue, a, send } = acceptorWithRaw();
    send(logon(clock));
    send(`${exoHeader('D', 3, clock)}11=three|`);
    expect(
      messagesIn(a)
        .filter((m) => m.msgType === '2')
        .map((m) => m.get(7)),
    ).toEqual(['2']);
    send(`${exoHeader('D', 2, clock)}11=two|`);
    expect(venue.received.map((m) => m.get(11))).toEqual(['two', 'three']);
    send(
      `35=D|49=EXO|56=VENUE|34=2|43=Y|52=${'20261206-03:00:00.000'}|122=20261206-03:00:00.000|11=two|`,
    );
    expect(venue.session.counters.duplicatesDropped).toBe(1);
    send(`${exoHeader('D', 3, clock)}11=again|`);
    expect(messagesIn(a).at(-1)?.get(Tag.Text)).toBe(
      'MsgSeqNum too low, expecting 4 but received 3',
    );
    expect(venue.session.state).toBe('disconnected');
  });

  it('a TestRequest is answered with a Heartbeat carrying its TestReqID', () => {
    const { clock, a, send } = acceptorWithRaw();
    send(logon(clock));
    send(`${exoHeader('1', 2, clock)}112=are-you-there|`);
    expect(messagesIn(a).map((m) => [m.msgType, m.get(Tag.TestReqID)])).toEqual([
      ['A', undefined],
      ['0', 'are-you-there'],
    ]);
  });

  it('a Reject (3), a j and a 9 from the counterparty reach the owner in order', () => {
    const { clock, venue, send } = acceptorWithRaw();
    send(logon(clock));
    send(`${exoHeader('3', 2, clock)}45=7|373=5|58=nope|`);
    send(`${exoHeader('j', 3, clock)}45=8|372=D|380=3|58=unsupported|`);
    send(`${exoHeader('9', 4, clock)}37=NONE|11=C2|41=C1|39=8|434=1|102=1|58=unknown order|`);
    expect(venue.received.map((m) => [m.msgType, m.get(58)])).toEqual([
      ['3', 'nope'],
      ['j', 'unsupported'],
      ['9', 'unknown order'],
    ]);
  });

  it('a bad message gets a Reject (3) with RefSeqNum, RefTagID, reason and text, and spends its number', () => {
    const { clock, venue, a, send } = acceptorWithRaw();
    send(logon(clock));
    send(`${exoHeader('D', 2, clock)}11=|`);
    const reject = messagesIn(a).at(-1)!;
    expect([
      reject.msgType,
      reject.get(45),
      reject.get(371),
      reject.get(372),
      reject.get(373),
      reject.get(58),
    ]).toEqual(['3', '2', '11', 'D', '4', 'Tag 11 specified without a value']);
    expect(venue.session.options.store.nextTargetSeq).toBe(3);
    expect(venue.session.state).toBe('active');
  });

  it('a wrong CompID gets a Reject and a Logout; a garbled frame is dropped', () => {
    const { clock, venue, a, raw, send } = acceptorWithRaw();
    send(logon(clock));
    const bad = rawFrame(`${exoHeader('0', 2, clock)}`);
    bad[bad.length - 2] = bad[bad.length - 2] === 0x30 ? 0x31 : 0x30;
    raw.send(bad);
    clock.advance(0);
    expect(venue.session.counters.garbledDropped).toBe(1);
    send(`35=0|49=OTHER|56=VENUE|34=2|52=${'20261206-03:00:00.000'}|`);
    expect(
      messagesIn(a)
        .slice(-2)
        .map((m) => [m.msgType, m.get(373) ?? m.get(58)]),
    ).toEqual([
      ['3', '9'],
      ['5', 'CompID problem'],
    ]);
    expect(venue.session.state).toBe('disconnected');
  });

  it('a first message that is not a Logon gets a Logout; no Logon within the timeout closes the connection', () => {
    const first = acceptorWithRaw();
    first.send(`${exoHeader('D', 1, first.clock)}11=X|`);
    expect(messagesIn(first.a).map((m) => [m.msgType, m.get(58)])).toEqual([
      ['5', 'First message is not a Logon'],
    ]);
    expect(first.venue.session.state).toBe('disconnected');
    const silent = acceptorWithRaw();
    silent.clock.advance(9_900);
    expect(silent.venue.session.state).toBe('logging-on');
    silent.clock.advance(200);
    expect(silent.venue.states.at(-1)).toEqual(['disconnected', 'logon timeout']);
  });
});
