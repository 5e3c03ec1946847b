/** The reply queue's idle signal, which tests await instead of sleeping before "nothing else was sent". */
import { describe, expect, it } from 'vitest';
import { afterAcknowledgements, repliesIdle } from '../../src/adapters/acknowledgements.js';

describe('repliesIdle', () => {
  it('resolves at once when nothing is queued', async () => {
    await expect(repliesIdle()).resolves.toBeUndefined();
  });

  it('waits for queued and running reply work, failed work included', async () => {
    const done: string[] = [];
    const slow = afterAcknowledgements(async () => {
      await new Promise((r) => setTimeout(r, 50));
      done.push('slow');
    });
    const failing = afterAcknowledgements(async () => {
      await new Promise((r) => setTimeout(r, 20));
      done.push('failing');
      throw new Error('planned');
    }).catch(() => undefined);
    await repliesIdle();
    expect(done.sort()).toEqual(['failing', 'slow']);
    await Promise.all([slow, failing]);
  });
});
