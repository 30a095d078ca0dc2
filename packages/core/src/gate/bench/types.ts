export type BenchFormat =
  | 'benchmarkjs'
  | 'tinybench'
  | 'vitest'
  | 'pytest-benchmark'
  | 'go-test'
  | 'criterion'
  | 'google-benchmark'
  | 'jmh'
  | 'benchmarkdotnet'
  | 'hyperfine'
  | 'custom';

/** One benchmark's result, normalised: a central value, and the samples or spread the tool gave. */
export interface Benchmark {
  name: string;
  /** Unit of `value` and `samples` (e.g. ns/op, s, ops/s). */
  unit: string;
  /** Time per operation: smaller is better; throughput: bigger is better. */
  better: 'smaller' | 'bigger';
  /** Mean (or the tool's point estimate). */
  value: number;
  /** Individual measurements (each one a run/iteration/round), when the tool wrote them. */
  samples?: number[];
  /** Standard deviation and count of the measurements, when only the spread is given. */
  spread?: { stddev: number; n: number };
}

export interface BenchResults {
  format: BenchFormat;
  benchmarks: Benchmark[];
}

export function mean(xs: readonly number[]): number {
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

export function stddev(xs: readonly number[]): number {
  if (xs.length < 2) return 0;
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return Math.sqrt(s / (xs.length - 1));
}
