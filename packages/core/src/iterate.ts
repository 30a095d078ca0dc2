/**
 * Bounded-stack helpers for unbounded input. `Math.max(...xs)` and `a.push(...xs)` pass every element as
 * an argument and throw `RangeError: Maximum call stack size exceeded` past ~100k elements (a long log, a
 * 200k-line file): these loop instead.
 */

/** The largest of `values`, or `floor` when it is larger or there are none. */
export function maxOf(values: Iterable<number>, floor = -Infinity): number {
  let max = floor;
  for (const v of values) if (v > max) max = v;
  return max;
}

/** The smallest of `values`, or `ceiling` when it is smaller or there are none. */
export function minOf(values: Iterable<number>, ceiling = Infinity): number {
  let min = ceiling;
  for (const v of values) if (v < min) min = v;
  return min;
}

/** Appends `items` to `target` in place (what `target.push(...items)` means, for any length). */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}
