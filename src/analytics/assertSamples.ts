// Input checks shared by the correlation statistics, so every one of them fails the same loud way.

/** Throws (naming `fn`) unless `values` is non-empty and finite; returns its length. */
export function assertSample(fn: string, values: ArrayLike<number>, minLength = 1): number {
  const n = values.length;
  if (n < minLength) {
    throw new RangeError(`${fn}: expected at least ${minLength} value${minLength === 1 ? '' : 's'}, got ${n}`);
  }
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new RangeError(`${fn}: value at index ${i} is not a finite number`);
  }
  return n;
}

/** Throws (naming `fn`) unless x and y are finite, equally long and hold at least two pairs; returns the length. */
export function assertPairedSamples(fn: string, x: ArrayLike<number>, y: ArrayLike<number>): number {
  if (x.length !== y.length) throw new RangeError(`${fn}: samples differ in length (${x.length} and ${y.length})`);
  assertSample(fn, x, 2);
  assertSample(fn, y, 2);
  return x.length;
}

/** True when every value equals the first. Checked exactly, because a mean of equal values can be off by an ulp and fake a tiny variance. */
export function isConstant(values: ArrayLike<number>): boolean {
  const first = values[0];
  for (let i = 1; i < values.length; i++) if (values[i] !== first) return false;
  return true;
}
