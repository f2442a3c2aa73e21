import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../src/core/clock.js';
import { ParseError } from '../../../src/market/parse-error.js';
import { VenueClosedError, VenueRequestError } from '../../../src/venues/remote/index.js';
import { RequestBook } from '../../../src/venues/remote/request-book.js';

/** A book on a virtual clock, with the IDs it sent, what it told onProblem, and its cancels' outcomes. */
function book(timeoutMs = 1000) {
  const clock = new VirtualClock();
  const sent: string[] = [];
  const problems: string[] = [];
  const outcomes: string[] = [];
  const requests = new RequestBook({
    name: 'v',
    clock,
    timeoutMs,
    onProblem: (problem) => problems.push(problem),
    send: (text) => sent.push(text),
  });
  const cancel = (clOrdId: string): string => {
    const id = requests.nextId();
    requests.child({ type: 'cancel', id, clOrdId }, clOrdId, {
      confirmed: () => outcomes.push(`confirmed ${clOrdId}`),
      refused: (reason) => outcomes.push(`refused ${clOrdId}: ${reason}`),
    });
    return id;
  };
  const ids = () => sent.map((text) => (JSON.parse(text) as { id: string }).id);
  return { clock, problems, outcomes, requests, cancel, ids };
}

describe('RequestBook', () => {
  it('holds requests until flushed, then sends each unanswered one again on every flush', () => {
    const { requests, cancel, ids } = book();
    const first = cancel('a-1');
    expect(ids()).toEqual([]);
    requests.flush();
    const second = cancel('a-2');
    expect(ids()).toEqual([first, second]);

    requests.answer({ type: 'received', id: first });
    requests.hold();
    cancel('a-3');
    requests.flush();
    expect(ids().slice(2)).toEqual([second, expect.any(String)]);
    expect(requests.size).toBe(2);
  });

  it('tells a child request confirmed or refused, and an error that answers nothing to onProblem', () => {
    const { requests, cancel, outcomes, problems } = book();
    const first = cancel('a-1');
    const second = cancel('a-2');
    requests.answer({ type: 'received', id: first });
    requests.answer({ type: 'error', id: second, error: 'message.clOrdId: bad' });
    requests.answer({ type: 'error', error: 'not JSON' });
    requests.answer({ type: 'received', id: first });
    expect(outcomes).toEqual(['confirmed a-1', 'refused a-2: message.clOrdId: bad']);
    expect(problems).toEqual(['venue v: not JSON']);
    expect(requests.size).toBe(0);
  });

  it('fails a query unanswered in time on the virtual clock, connected or not, and forgets it', async () => {
    const { clock, requests } = book(1000);
    const query = requests.query({ type: 'ledger', id: requests.nextId() }, () => 'read');
    clock.advance(999);
    expect(requests.size).toBe(1);
    clock.advance(1);
    await expect(query).rejects.toThrow('venue v did not answer ledger within 1000 ms');
    expect(requests.size).toBe(0);
  });

  it('reads a reply, and fails a query refused, answered unreadably or answered as a child', async () => {
    const { requests } = book();
    const ask = (read: (result: unknown) => unknown = (result) => result) => {
      const id = requests.nextId();
      return { id, answer: requests.query({ type: 'fillsOf', id, clOrdId: 'a-1' }, read) };
    };
    const read = ask();
    const refused = ask();
    const unreadable = ask(() => {
      throw ParseError.expected('reply.result.fills', 'a list', 3);
    });
    const confirmed = ask();
    requests.answer({ type: 'reply', id: read.id, result: { fills: [] } });
    requests.answer({ type: 'error', id: refused.id, error: 'unknown type' });
    requests.answer({ type: 'reply', id: unreadable.id, result: { fills: 3 } });
    requests.answer({ type: 'received', id: confirmed.id });
    expect(await read.answer).toEqual({ fills: [] });
    await expect(refused.answer).rejects.toThrow('venue v refused fillsOf: unknown type');
    await expect(unreadable.answer).rejects.toBeInstanceOf(VenueRequestError);
    await expect(unreadable.answer).rejects.toThrow(/^venue v refused fillsOf: reply.result.fills/);
    await expect(confirmed.answer).rejects.toThrow('venue v refused fillsOf: unexpected received');
  });

  it('drops the waiting requests of children the venue lost, and only theirs', () => {
    const { requests, cancel, ids } = book();
    cancel('a-1');
    const kept = cancel('a-2');
    requests.dropChildren(new Set(['a-1']));
    requests.flush();
    expect(ids()).toEqual([kept]);
  });

  it('when closed, fails waiting queries, names unconfirmed child requests and refuses new ones', async () => {
    const { clock, requests, cancel, outcomes, problems } = book();
    const id = cancel('a-1');
    const query = requests.query({ type: 'ledger', id: requests.nextId() }, () => 'read');
    requests.close();
    await expect(query).rejects.toBeInstanceOf(VenueClosedError);
    expect(problems).toEqual([
      `closed before the venue confirmed request ${id}: ${JSON.stringify({ type: 'cancel', id, clOrdId: 'a-1' })}`,
    ]);
    expect(requests.size).toBe(0);
    expect(clock.pending).toBe(0);

    cancel('a-2');
    expect(outcomes).toEqual(['refused a-2: venue v is closed']);
    await expect(
      requests.query({ type: 'ledger', id: requests.nextId() }, () => 'read'),
    ).rejects.toBeInstanceOf(VenueClosedError);
  });
});
