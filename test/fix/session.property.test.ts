import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/core/clock.js';
import type { FixMessage } from '../../src/fix/message.js';
import { FixSession } from '../../src/fix/session.js';
import type { FixRole } from '../../src/fix/session-options.js';
import { FixStore } from '../../src/fix/store.js';
import { memoryPair } from './memory-transport.js';
import { START, storePath } from './session-harness.js';

type Step =
  | 'exoSends'
  | 'venueSends'
  | 'drop'
  | 'reconnect'
  | 'restartExo'
  | 'restartVenue'
  | 'wait';
const STEP = fc.constantFrom<Step>(
  'exoSends',
  'venueSends',
  'exoSends',
  'venueSends',
  'drop',
  'reconnect',
  'restartExo',
  'restartVenue',
  'wait',
);

/** One side whose session object is replaced on restart while its store file and its owner's log stay. */
class Peer {
  readonly log: string[] = [];
  readonly sent: string[] = [];
  readonly path = storePath();
  session: FixSession;

  constructor(
    readonly clock: VirtualClock,
    readonly role: FixRole,
  ) {
    this.session = this.#open();
  }

  send(): void {
    const id = `${this.role}-${this.sent.length + 1}`;
    this.sent.push(id);
    this.session.send('B', [[148, id]]);
  }

  restart(): void {
    this.session.disconnect('crash');
    this.session.options.store.close();
    this.session = this.#open();
  }

  #open(): FixSession {
    const [sender, target] = this.role === 'initiator' ? ['EXO', 'VENUE'] : ['VENUE', 'EXO'];
    return new FixSession(
      {
        role: this.role,
        senderCompId: sender,
        targetCompId: target,
        heartBtIntSeconds: 30,
        store: FixStore.open(this.path, 'never'),
        clock: this.clock,
      },
      { message: (m: FixMessage) => this.log.push(m.get(148) ?? '?') },
    );
  }
}

function reconnect(clock: VirtualClock, exo: Peer, venue: Peer): void {
  exo.session.disconnect();
  venue.session.disconnect();
  const [i, a] = memoryPair(clock);
  venue.session.connect(a);
  exo.session.connect(i);
  clock.advance(0);
}

describe('FIX session property', () => {
  it('through drops, crashes and restarts of either side, each application message arrives once, in order', () => {
    fc.assert(
      fc.property(fc.array(STEP, { maxLength: 40 }), (steps) => {
        const clock = new VirtualClock(START);
        const exo = new Peer(clock, 'initiator');
        const venue = new Peer(clock, 'acceptor');
        reconnect(clock, exo, venue);
        for (const step of steps) {
          if (step === 'exoSends') exo.send();
          else if (step === 'venueSends') venue.send();
          else if (step === 'drop') exo.session.disconnect('network');
          else if (step === 'reconnect') reconnect(clock, exo, venue);
          else if (step === 'restartExo') exo.restart();
          else if (step === 'restartVenue') venue.restart();
          else clock.advance(1_000);
        }
        reconnect(clock, exo, venue);
        clock.advance(1_000);
        expect([exo.session.state, venue.session.state]).toEqual(['active', 'active']);
        expect(venue.log).toEqual(exo.sent);
        expect(exo.log).toEqual(venue.sent);
      }),
      { numRuns: 150 },
    );
  });
});
