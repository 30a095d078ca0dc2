import { ConfigurationError } from '../../errors.js';
import { mean, stddev, type Benchmark, type BenchResults } from './types.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const nums = (v: unknown): number[] | undefined => (Array.isArray(v) && v.length && v.every((x) => typeof x === 'number') ? v : undefined);
const str = (v: unknown, fallback: string): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : fallback);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);

function withSpread(b: Omit<Benchmark, 'samples' | 'spread'>, samples: number[] | undefined, sd?: number, n?: number): Benchmark {
  if (samples && samples.length > 1) return { ...b, samples };
  if (sd !== undefined && n !== undefined && n > 1) return { ...b, spread: { stddev: sd, n } };
  return b;
}

/** Fails with one line naming the file when a reader found no benchmark. */
function some(format: BenchResults['format'], benchmarks: Benchmark[], name: string, what: string): BenchResults {
  if (!benchmarks.length) throw new ConfigurationError(`${name}: ${what}; cannot read it as ${format} output.`);
  return { format, benchmarks };
}

/** pytest-benchmark `--benchmark-json`: benchmarks[].stats (seconds); `stats.data` holds the rounds with --benchmark-save-data. */
export function readPytestBenchmark(data: Obj, name: string): BenchResults {
  const benchmarks = list(data.benchmarks).flatMap((b) => {
    const s = isObj(b.stats) ? b.stats : undefined;
    const value = num(s?.mean);
    if (!s || value === undefined) return [];
    return [withSpread({ name: str(b.fullname, str(b.name, '?')), unit: 's', better: 'smaller', value }, nums(s.data), num(s.stddev), num(s.rounds))];
  });
  return some('pytest-benchmark', benchmarks, name, 'no benchmarks[].stats.mean');
}

// BenchmarkFib10-8   	 3000000	       424 ns/op	 0 B/op	 0 allocs/op  (testing.BenchmarkResult.String; -count N repeats the line)
const GO_LINE = /^(Benchmark\S+?)(?:-(\d+))?\s+(\d+)\s+([\d.e+-]+) ns\/op/;

/** `go test -bench` text: each line is one run; `-count N` gives N samples of ns/op per benchmark. */
export function readGoBench(text: string): BenchResults | undefined {
  const byName = new Map<string, number[]>();
  for (const line of text.split('\n')) {
    const m = GO_LINE.exec(line.trim());
    if (!m) continue;
    const key = m[2] ? `${m[1] as string}-${m[2]}` : (m[1] as string);
    byName.set(key, [...(byName.get(key) ?? []), Number(m[4])]);
  }
  if (!byName.size) return undefined;
  const benchmarks = [...byName].map(([n, samples]) => withSpread({ name: n, unit: 'ns/op', better: 'smaller', value: mean(samples) }, samples));
  return { format: 'go-test', benchmarks };
}

/**
 * criterion.rs `target/criterion/<id>/new/estimates.json`: mean.point_estimate (ns) with a confidence
 * interval and standard error; the benchmark's id is the folder above `new/`. Also cargo-criterion's
 * `--message-format=json` lines (`reason: benchmark-complete`, `typical` estimate with bounds).
 */
export function readCriterion(data: Obj, name: string, benchName: string): BenchResults {
  const m = isObj(data.mean) ? data.mean : undefined;
  const value = num(m?.point_estimate);
  if (!m || value === undefined) throw new ConfigurationError(`${name}: no mean.point_estimate; not a criterion estimates.json.`);
  const se = num(m.standard_error);
  // The standard error is of the mean; a spread with n = 2 and sd = se·√2 gives the same standard error.
  return {
    format: 'criterion',
    benchmarks: [withSpread({ name: benchName, unit: 'ns', better: 'smaller', value }, undefined, se === undefined ? undefined : se * Math.SQRT2, 2)],
  };
}

export function readCargoCriterionLines(text: string): BenchResults | undefined {
  const benchmarks: Benchmark[] = [];
  for (const line of text.split('\n')) {
    if (!line.includes('"benchmark-complete"')) continue;
    const msg = JSON.parse(line) as Obj;
    const typical = isObj(msg.typical) ? msg.typical : undefined;
    const value = num(typical?.estimate);
    if (!typical || value === undefined) continue;
    const halfWidth = ((num(typical.upper_bound) ?? value) - (num(typical.lower_bound) ?? value)) / 2;
    benchmarks.push(
      withSpread({ name: str(msg.id, '?'), unit: str(typical.unit, 'ns'), better: 'smaller', value }, undefined, (halfWidth / 1.96) * Math.SQRT2, 2),
    );
  }
  return benchmarks.length ? { format: 'criterion', benchmarks } : undefined;
}

/** Google Benchmark `--benchmark_format=json`: iteration runs (one per repetition) grouped by run_name; aggregates skipped. */
export function readGoogleBenchmark(data: Obj, name: string): BenchResults {
  const byName = new Map<string, { unit: string; samples: number[] }>();
  for (const b of list(data.benchmarks)) {
    if (b.run_type === 'aggregate' || b.error_occurred === true) continue;
    const time = num(b.real_time);
    if (time === undefined) continue;
    const key = str(b.run_name, str(b.name, '?'));
    const entry = byName.get(key) ?? { unit: str(b.time_unit, 'ns'), samples: [] };
    entry.samples.push(time);
    byName.set(key, entry);
  }
  const benchmarks = [...byName].map(([n, { unit, samples }]) => withSpread({ name: n, unit, better: 'smaller', value: mean(samples) }, samples));
  return some('google-benchmark', benchmarks, name, 'no benchmarks[] iteration runs with real_time');
}

/** JMH `-rf json`: primaryMetric.score per benchmark; rawData (forks × iterations) are the samples; thrpt is bigger-is-better. */
export function readJmh(data: unknown[], name: string): BenchResults {
  const benchmarks = list(data).flatMap((b) => {
    const pm = isObj(b.primaryMetric) ? b.primaryMetric : undefined;
    const value = num(pm?.score);
    if (!pm || value === undefined) return [];
    const unit = str(pm.scoreUnit, '');
    const samples = Array.isArray(pm.rawData) ? (pm.rawData as unknown[]).flatMap((fork) => nums(fork) ?? []) : undefined;
    const params = isObj(b.params)
      ? `(${Object.entries(b.params)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(',')})`
      : '';
    const better = b.mode === 'thrpt' || unit.startsWith('ops/') ? 'bigger' : 'smaller';
    return [withSpread({ name: `${str(b.benchmark, '?')}${params}`, unit, better, value }, samples)];
  });
  return some('jmh', benchmarks, name, 'no [].primaryMetric.score');
}

/** BenchmarkDotNet JSON exporter (full or brief): Benchmarks[].Statistics (ns); OriginalValues are the samples when present. */
export function readBenchmarkDotNet(data: Obj, name: string): BenchResults {
  const benchmarks = list(data.Benchmarks).flatMap((b) => {
    const s = isObj(b.Statistics) ? b.Statistics : undefined;
    const value = num(s?.Mean);
    if (!s || value === undefined) return [];
    return [
      withSpread(
        { name: str(b.FullName, str(b.DisplayInfo, str(b.Method, '?'))), unit: 'ns', better: 'smaller', value },
        nums(s.OriginalValues),
        num(s.StandardDeviation),
        num(s.N),
      ),
    ];
  });
  return some('benchmarkdotnet', benchmarks, name, 'no Benchmarks[].Statistics.Mean');
}

/** hyperfine `--export-json`: results[] with mean/stddev (seconds) and every run's time in `times`. */
export function readHyperfine(data: Obj, name: string): BenchResults {
  const benchmarks = list(data.results).flatMap((r) => {
    const value = num(r.mean);
    if (value === undefined) return [];
    const times = nums(r.times);
    return [withSpread({ name: str(r.command, '?'), unit: 's', better: 'smaller', value }, times, num(r.stddev), times?.length)];
  });
  return some('hyperfine', benchmarks, name, 'no results[].mean');
}

/**
 * Our documented custom JSON (docs/quality-gate.md): an array, or `{ "benchmarks": [...] }`, of
 * `{ name, value, unit?, better?: "smaller"|"bigger", samples?: number[], stddev?, n? }`. The shape of
 * github-action-benchmark's customSmallerIsBetter/customBiggerIsBetter (`range` ignored) reads too.
 */
export function readCustom(items: unknown[], name: string, defaultBetter: 'smaller' | 'bigger' = 'smaller'): BenchResults {
  const benchmarks = items.map((item, i) => {
    if (!isObj(item) || typeof item.name !== 'string')
      throw new ConfigurationError(`${name}: entry ${i} has no "name"; see the custom format in docs/quality-gate.md.`);
    const samples = nums(item.samples);
    const value = num(item.value) ?? (samples ? mean(samples) : undefined);
    if (value === undefined) throw new ConfigurationError(`${name}: entry "${item.name}" has no numeric "value" or "samples".`);
    if (item.better !== undefined && item.better !== 'smaller' && item.better !== 'bigger')
      throw new ConfigurationError(`${name}: entry "${item.name}" has better: ${JSON.stringify(item.better)}; use "smaller" or "bigger".`);
    const better = item.better ?? defaultBetter;
    return withSpread(
      { name: item.name, unit: str(item.unit, ''), better, value },
      samples,
      num(item.stddev) ?? (samples ? stddev(samples) : undefined),
      num(item.n),
    );
  });
  return { format: 'custom', benchmarks };
}
