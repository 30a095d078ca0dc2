import { describe, expect, it } from '@jest/globals';
import { seededRandom } from '../../src/clock.js';
import { compareBenchmark, compareBenchmarks, type Benchmark, type BenchSettings } from '../../src/gate/index.js';

const SETTINGS: BenchSettings = { tolerance: 5, confidence: 0.95, resamples: 2000 };

/** `n` samples around `centre` with relative noise `noise` (uniform, scaled to that standard deviation), from a seeded source. */
function samples(centre: number, noise: number, n: number, seed: number): number[] {
  const random = seededRandom(seed);
  // Uniform on [-√3, √3] has unit standard deviation.
  return Array.from({ length: n }, () => centre * (1 + noise * Math.sqrt(3) * (2 * random() - 1)));
}

const bench = (name: string, xs: number[], better: Benchmark['better'] = 'smaller'): Benchmark => ({
  name,
  unit: 'ns',
  better,
  value: xs.reduce((a, b) => a + b, 0) / xs.length,
  ...(xs.length > 1 ? { samples: xs } : {}),
});

describe('bench gate: a change must exceed the tolerance and the noise', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('flags a 20 %% slowdown in 10 samples of 5 %% noise (seed %i)', (seed) => {
    const c = compareBenchmark(bench('parse', samples(120, 0.05, 10, seed)), bench('parse', samples(100, 0.05, 10, seed + 100)), SETTINGS, seededRandom(seed));
    expect(c.method).toBe('bootstrap');
    expect(c.judgement).toBe('regressed');
    expect(c.regressed).toBe(true);
    expect(c.ratio).toBeGreaterThan(1.1);
    expect(c.interval![0]).toBeGreaterThan(1);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('does not flag a 3 %% change in the same noise (seed %i)', (seed) => {
    const c = compareBenchmark(bench('parse', samples(103, 0.05, 10, seed)), bench('parse', samples(100, 0.05, 10, seed + 100)), SETTINGS, seededRandom(seed));
    expect(c.regressed).toBe(false);
    expect(['ok', 'noisy']).toContain(c.judgement);
  });

  it('one sample and a 6 % change: flagged by the threshold, marked "no spread given"', () => {
    const result = compareBenchmarks([bench('startup', [106])], [bench('startup', [100])], SETTINGS, seededRandom(1));
    const c = result.comparisons[0]!;
    expect(c.method).toBe('no spread given');
    expect(c.interval).toBeUndefined();
    expect(c.regressed).toBe(true);
    expect(result.state).toBe('failed');
    expect(result.notes.join(' ')).toMatch(/no spread given, judged by the threshold alone: startup/);
  });

  it('a 4 % change with no spread passes the 5 % threshold', () => {
    expect(compareBenchmark(bench('x', [104]), bench('x', [100]), SETTINGS, seededRandom(1)).regressed).toBe(false);
  });

  it('names benchmarks too noisy to judge: a 20 % slowdown in 40 % noise with 4 samples', () => {
    const result = compareBenchmarks([bench('io', samples(120, 0.4, 4, 3))], [bench('io', samples(100, 0.4, 4, 4))], SETTINGS, seededRandom(5));
    expect(result.comparisons[0]!.judgement).toBe('noisy');
    expect(result.comparisons[0]!.regressed).toBe(false);
    expect(result.notes.join(' ')).toMatch(/too noisy to judge against a 5% tolerance: io/);
  });

  it('throughput (bigger is better): 20 % fewer ops/s is a regression, the ratio says how much worse', () => {
    const c = compareBenchmark(
      bench('rps', samples(800, 0.02, 10, 1), 'bigger'),
      bench('rps', samples(1000, 0.02, 10, 2), 'bigger'),
      SETTINGS,
      seededRandom(1),
    );
    expect(c.ratio).toBeCloseTo(1.25, 1);
    expect(c.regressed).toBe(true);
  });

  it('a spread (mean, sd, n) without samples uses the normal interval', () => {
    const head: Benchmark = { name: 'p', unit: 's', better: 'smaller', value: 1.2, spread: { stddev: 0.06, n: 10 } };
    const base: Benchmark = { name: 'p', unit: 's', better: 'smaller', value: 1.0, spread: { stddev: 0.05, n: 10 } };
    const c = compareBenchmark(head, base, SETTINGS, seededRandom(1));
    expect(c.method).toBe('normal');
    expect(c.regressed).toBe(true);
  });

  it('is reproducible: the same seed gives the same interval', () => {
    const run = () => compareBenchmark(bench('a', samples(110, 0.05, 10, 1)), bench('a', samples(100, 0.05, 10, 2)), SETTINGS, seededRandom(42)).interval;
    expect(run()).toEqual(run());
  });

  it('no base is a warning, never a pass; new and vanished benchmarks are named', () => {
    const none = compareBenchmarks([bench('a', [1])], undefined, SETTINGS, seededRandom(1));
    expect(none.state).toBe('warning');
    expect(none.notes[0]).toMatch(/no base results: the benchmarks were not compared \(not a pass\)/);
    const partial = compareBenchmarks([bench('a', [1]), bench('b', [1])], [bench('a', [1]), bench('gone', [1])], SETTINGS, seededRandom(1));
    expect(partial.comparisons.find((c) => c.name === 'b')?.judgement).toBe('new');
    expect(partial.missing).toEqual(['gone']);
    expect(partial.state).toBe('passed');
  });
});
