/** Remembered answers (stems, typo lookups, place typos): computed once per key, memory bounded. */
import { describe, expect, it } from 'vitest';
import { BoundedMemo } from '../../src/core/boundedMemo.js';

describe('BoundedMemo', () => {
  it('computes an answer once, including answers that are null or false', () => {
    const memo = new BoundedMemo<string | null | boolean>(10);
    let calls = 0;
    const work = (key: string) => {
      calls++;
      return key === 'none' ? null : key === 'no' ? false : key.toUpperCase();
    };
    for (let i = 0; i < 3; i++) {
      expect(memo.get('soc', work)).toBe('SOC');
      expect(memo.get('none', work)).toBeNull();
      expect(memo.get('no', work)).toBe(false);
    }
    expect(calls).toBe(3);
  });

  it('forgets everything once it holds its maximum, then remembers again', () => {
    const memo = new BoundedMemo<number>(2);
    let calls = 0;
    const work = (key: string) => (calls++, key.length);
    memo.get('a', work);
    memo.get('bb', work);
    memo.get('ccc', work); // full: forgets a and bb
    memo.get('ccc', work);
    memo.get('a', work);
    expect(calls).toBe(4);
  });
});
