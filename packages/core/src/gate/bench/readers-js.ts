import { ConfigurationError } from '../../errors.js';
import type { Benchmark, BenchResults } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const nums = (v: unknown): number[] | undefined => (Array.isArray(v) && v.length && v.every((x) => typeof x === 'number') ? v : undefined);

function fromStats(name: string, unit: string, value: number, samples: number[] | undefined, sd: number | undefined, n: number | undefined): Benchmark {
  return {
    name,
    unit,
    better: 'smaller',
    value,
    ...(samples && samples.length > 1 ? { samples } : {}),
    ...(!samples?.length && sd !== undefined && n !== undefined && n > 1 ? { spread: { stddev: sd, n } } : {}),
  };
}

/**
 * tinybench: `bench.tasks.map(({ name, result }) => ({ name, result }))` serialised. v2 results carry
 * `mean`/`sd`/`samples` (ms); v3+ nest them under `result.latency`. Source: tinybench README and src/task.ts.
 */
export function readTinybench(data: unknown[], name: string): BenchResults {
  const benchmarks = data.map((t, i) => {
    if (!isObj(t) || typeof t.name !== 'string' || !isObj(t.result))
      throw new ConfigurationError(`${name}: task ${i} has no name/result; not tinybench task results.`);
    const r = t.result;
    const latency = isObj(r.latency) ? r.latency : r;
    const value = num(latency.mean);
    if (value === undefined) throw new ConfigurationError(`${name}: task "${t.name}" has no result mean (did it error?).`);
    return fromStats(t.name, 'ms', value, nums(latency.samples), num(latency.sd), num(latency.samplesCount) ?? nums(latency.samples)?.length);
  });
  return { format: 'tinybench', benchmarks };
}

/** `vitest bench --outputJson`: files[].groups[].benchmarks[] with mean/sd/sampleCount in ms (samples when kept). */
export function readVitest(data: Obj, name: string): BenchResults {
  const benchmarks: Benchmark[] = [];
  for (const file of Array.isArray(data.files) ? data.files : []) {
    for (const group of isObj(file) && Array.isArray(file.groups) ? file.groups : []) {
      for (const b of isObj(group) && Array.isArray(group.benchmarks) ? group.benchmarks : []) {
        if (!isObj(b) || typeof b.name !== 'string' || num(b.mean) === undefined) continue;
        const full = isObj(group) && typeof group.fullName === 'string' ? `${group.fullName} > ${b.name}` : b.name;
        benchmarks.push(fromStats(full, 'ms', num(b.mean) as number, nums(b.samples), num(b.sd), num(b.sampleCount)));
      }
    }
  }
  if (!benchmarks.length) throw new ConfigurationError(`${name}: no files[].groups[].benchmarks[] with a mean; not vitest bench --outputJson output.`);
  return { format: 'vitest', benchmarks };
}

/** Benchmark.js objects serialised (JSON.stringify of each Benchmark): `stats.sample` in seconds. */
export function readBenchmarkJsJson(data: unknown[], name: string): BenchResults {
  const benchmarks = data.map((b, i) => {
    if (!isObj(b) || !isObj(b.stats)) throw new ConfigurationError(`${name}: entry ${i} has no stats; not Benchmark.js results.`);
    const label = typeof b.name === 'string' ? b.name : typeof b.id === 'number' ? `#${b.id}` : `#${i}`;
    return fromStats(label, 's', num(b.stats.mean) ?? 0, nums(b.stats.sample), num(b.stats.deviation), nums(b.stats.sample)?.length);
  });
  return { format: 'benchmarkjs', benchmarks };
}

/** Student's t at 0.975 for `df` degrees of freedom (Cornish–Fisher expansion around z = 1.96; within 1 % for df ≥ 3). */
function t975(df: number): number {
  const z = 1.959964;
  if (df < 1) return z;
  return z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df);
}

// "fib(10) x 1,431,759 ops/sec ±0.74% (93 runs sampled)" — Benchmark.js's String(bench).
const BENCHMARKJS_LINE = /^(.+?) x ([\d,]+(?:\.\d+)?) ops\/sec (?:±|\+-|\\xb1)\s*([\d.]+)% \((\d+) runs? sampled\)/;

/** Benchmark.js text (`String(benchmark)` per cycle): ops/sec, bigger is better; ± is the relative margin of error (95 %). */
export function readBenchmarkJsText(text: string): BenchResults | undefined {
  const benchmarks: Benchmark[] = [];
  for (const line of text.split('\n')) {
    const m = BENCHMARKJS_LINE.exec(line.trim());
    if (!m) continue;
    const [, label, hz, rme, runs] = m as unknown as [string, string, string, string, string];
    const value = Number(hz.replace(/,/g, ''));
    const n = Number(runs);
    // rme = t(0.975, n-1) · sem / mean · 100 (Benchmark.js stats), so sd = rme/100 · mean · √n / t.
    const sd = ((Number(rme) / 100) * value * Math.sqrt(n)) / t975(n - 1);
    benchmarks.push({ name: label, unit: 'ops/s', better: 'bigger', value, ...(n > 1 ? { spread: { stddev: sd, n } } : {}) });
  }
  return benchmarks.length ? { format: 'benchmarkjs', benchmarks } : undefined;
}
