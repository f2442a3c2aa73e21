import { describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/journal/group-commit.js';
import { nextTurn } from './helpers.js';

/** A committer that answers with a promise the test settles, recording each batch. */
function heldCommitter() {
  const batches: number[][] = [];
  const pending: { resolve(): void; reject(error: Error): void }[] = [];
  const failures: Error[] = [];
  const commits = new GroupCommit<number, number>({
    commit: (items) => {
      batches.push([...items]);
      return new Promise<readonly number[]>((resolve, reject) => {
        pending.push({ resolve: () => resolve(items.map((item) => item * 10)), reject });
      });
    },
    toFailure: (cause) => new Error(`failed: ${String(cause)}`),
    onFailure: (failure) => failures.push(failure),
  });
  return { commits, batches, pending, failures };
}

describe('GroupCommit with a committer that answers asynchronously', () => {
  it('gathers the turns submitted while a commit is under way into the next batch, in order', async () => {
    const { commits, batches, pending } = heldCommitter();
    const first = commits.submit(1);
    await nextTurn();
    expect(batches).toEqual([[1]]);
    const later = [commits.submit(2), commits.submit(3)];
    await nextTurn();
    const more = commits.submit(4);
    await nextTurn();
    // Nothing more is committed until the first commit settles.
    expect(batches).toEqual([[1]]);
    let gateOpen = false;
    const gate = commits.settled().then(() => {
      gateOpen = true;
    });
    pending[0]!.resolve();
    expect(await first).toBe(10);
    await nextTurn();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(gateOpen).toBe(false);
    pending[1]!.resolve();
    expect(await Promise.all([...later, more])).toEqual([20, 30, 40]);
    await gate;
    expect(gateOpen).toBe(true);
  });

  it('settled() waits for a commit under way even when nothing is queued', async () => {
    const { commits, pending } = heldCommitter();
    void commits.submit(1);
    await nextTurn();
    let settled = false;
    const gate = commits.settled().then(() => {
      settled = true;
    });
    await nextTurn();
    expect(settled).toBe(false);
    pending[0]!.resolve();
    await gate;
    expect(settled).toBe(true);
    await expect(commits.settled()).resolves.toBeUndefined();
  });

  it('a failed commit rejects its batch, the batch gathered behind it and everything later', async () => {
    const { commits, pending, failures } = heldCommitter();
    const first = commits.submit(1);
    await nextTurn();
    const queued = commits.submit(2);
    const gate = commits.settled();
    pending[0]!.reject(new Error('disk'));
    await expect(first).rejects.toThrow('failed: Error: disk');
    await expect(queued).rejects.toThrow('failed: Error: disk');
    await expect(gate).rejects.toThrow('failed: Error: disk');
    await expect(commits.submit(3)).rejects.toThrow('failed: Error: disk');
    expect(failures).toHaveLength(1);
    expect(commits.failure?.message).toBe('failed: Error: disk');
  });
});
