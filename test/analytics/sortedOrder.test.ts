import { describe, expect, it } from 'vitest';
import { sortedOrder } from '../../src/analytics/sortedOrder.js';

describe('sortedOrder', () => {
  it('orders items by key and keeps equal keys in their input order when keys tie', () => {
    const key = [3, 1, 2, 1, 3, 0];
    // hand-computed: key 0 → item 5; key 1 → items 1, 3; key 2 → item 2; key 3 → items 0, 4
    expect([...sortedOrder([0, 1, 2, 3, 4, 5], 6, (i) => key[i], new Uint32Array(6))]).toEqual([5, 1, 3, 2, 0, 4]);
    // the same items listed the other way round: ties now in that order
    expect([...sortedOrder([5, 4, 3, 2, 1, 0], 6, (i) => key[i], new Uint32Array(6))]).toEqual([5, 3, 1, 2, 4, 0]);
  });

  it('treats -0 and 0 as one key when both occur', () => {
    const key = [0, -0, -1, 0];
    expect([...sortedOrder([0, 1, 2, 3], 4, (i) => key[i], new Uint32Array(4))]).toEqual([2, 0, 1, 3]);
  });

  it('sorts in place when out is the items array', () => {
    const items = new Uint32Array([0, 1, 2, 3]);
    const key = [0.5, -2, 0.5, 7];
    expect([...sortedOrder(items, 4, (i) => key[i], items)]).toEqual([1, 0, 2, 3]);
  });

  it('gives the order of a stable comparator sort when keys are random with many ties', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const key = Array.from({ length: 5000 }, () => Math.floor(random() * 50) / 4 - 3);
    const items = Array.from({ length: 5000 }, (_, i) => 4999 - i);
    // Array.prototype.sort is stable (ES2019): the reference order.
    const expected = [...items].sort((a, b) => key[a] - key[b]);
    expect([...sortedOrder(items, items.length, (i) => key[i], new Uint32Array(items.length))]).toEqual(expected);
  });

  it('uses only the first n items when items is longer', () => {
    const key = [2, 1, 0];
    expect([...sortedOrder([0, 1, 2], 2, (i) => key[i], new Uint32Array(2))]).toEqual([1, 0]);
  });
});
