import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigurationError } from '../../src/errors.js';
import { readBench, type Benchmark, type BenchFormat } from '../../src/gate/index.js';

const dir = join(import.meta.dirname, 'fixtures', 'bench');
const read = (file: string) => readBench(readFileSync(join(dir, file), 'utf8'), join('bench', file));
const shape = (b: Benchmark) => ({ name: b.name, unit: b.unit, better: b.better, samples: b.samples?.length ?? 0, n: b.spread?.n ?? 0 });

describe('benchmark readers on real tool output', () => {
  // What each tool's real output reads to: names, unit, direction, and how many samples (or the n of a spread).
  it.each<[string, string, BenchFormat, ReturnType<typeof shape>[]]>([
    [
      'hyperfine --export-json: every run time is a sample (seconds)',
      'hyperfine.json',
      'hyperfine',
      [
        { name: 'sleep 0.01', unit: 's', better: 'smaller', samples: 10, n: 0 },
        { name: 'sleep 0.02', unit: 's', better: 'smaller', samples: 10, n: 0 },
      ],
    ],
    [
      'tinybench 6 task results: latency mean and sd with the sample count',
      'tinybench.json',
      'tinybench',
      [
        { name: 'sum 1e3', unit: 'ms', better: 'smaller', samples: 0, n: 10 },
        { name: 'join 100', unit: 'ms', better: 'smaller', samples: 0, n: 10 },
      ],
    ],
    [
      'pytest-benchmark --benchmark-json: the rounds in stats.data (seconds)',
      'pytest-benchmark.json',
      'pytest-benchmark',
      [{ name: 'test_calc.py::test_fib', unit: 's', better: 'smaller', samples: 10, n: 0 }],
    ],
    [
      'Google Benchmark JSON: repetitions are samples, aggregates are skipped',
      'google-benchmark.json',
      'google-benchmark',
      [
        { name: 'BM_StringCreation', unit: 'ns', better: 'smaller', samples: 3, n: 0 },
        { name: 'BM_StringCopy', unit: 'ns', better: 'smaller', samples: 3, n: 0 },
      ],
    ],
    [
      'JMH -rf json: rawData samples; thrpt is bigger-is-better, avgt smaller; params in the name',
      'jmh.json',
      'jmh',
      [
        { name: 'com.example.ListBenchmark.arrayList', unit: 'ops/s', better: 'bigger', samples: 10, n: 0 },
        { name: 'com.example.ListBenchmark.linkedList(size=100)', unit: 'ns/op', better: 'smaller', samples: 5, n: 0 },
      ],
    ],
    [
      'BenchmarkDotNet JSON: OriginalValues when the full exporter wrote them, else N and StandardDeviation',
      'benchmarkdotnet.json',
      'benchmarkdotnet',
      [
        { name: 'Calc.ParseBenchmarks.ParseInt', unit: 'ns', better: 'smaller', samples: 15, n: 0 },
        { name: 'Calc.ParseBenchmarks.ParseDouble', unit: 'ns', better: 'smaller', samples: 0, n: 14 },
      ],
    ],
    [
      'custom JSON: samples, a spread, or a bare value; bigger or smaller is better',
      'custom.json',
      'custom',
      [
        { name: 'parse 1 MB', unit: 'ms', better: 'smaller', samples: 5, n: 0 },
        { name: 'requests per second', unit: 'req/s', better: 'bigger', samples: 0, n: 8 },
        { name: 'bundle size', unit: 'KiB', better: 'smaller', samples: 0, n: 0 },
      ],
    ],
  ])('%s', (_title, file, format, benchmarks) => {
    const r = read(file);
    expect(r.format).toBe(format);
    expect(r.benchmarks.map(shape)).toEqual(benchmarks);
  });

  it('go test -bench -count 5: one benchmark per name, five samples of ns/op', () => {
    const r = read('go-test-bench.txt');
    expect(r.format).toBe('go-test');
    expect(r.benchmarks.map(shape)).toEqual([
      { name: 'BenchmarkFib10-2', unit: 'ns/op', better: 'smaller', samples: 5, n: 0 },
      { name: 'BenchmarkSign-2', unit: 'ns/op', better: 'smaller', samples: 5, n: 0 },
    ]);
    expect(r.benchmarks[0]!.value).toBeCloseTo((338.5 + 230.2 + 235.9 + 317.3 + 318.4) / 5, 6);
  });

  it('vitest bench --outputJson: group > name, mean and sd (samples are stripped by vitest)', () => {
    const r = read('vitest-bench.json');
    expect(r.format).toBe('vitest');
    expect(r.benchmarks.map((b) => b.name)).toEqual(['sum.bench.mjs > strings > join 100', 'sum.bench.mjs > strings > concat 100']);
    expect(r.benchmarks[0]!.spread?.n).toBe(10);
  });

  it('Benchmark.js: the cycle text (ops/sec, bigger is better) and the serialised stats', () => {
    const text = read('benchmarkjs.txt');
    expect(text.benchmarks.map(shape)).toEqual([
      { name: 'join 100', unit: 'ops/s', better: 'bigger', samples: 0, n: 6 },
      { name: 'concat 100', unit: 'ops/s', better: 'bigger', samples: 0, n: 6 },
    ]);
    expect(text.benchmarks[0]!.value).toBe(23049);
    const json = read('benchmarkjs.json');
    expect(json.format).toBe('benchmarkjs');
    expect(json.benchmarks.map(shape)[0]).toEqual({ name: 'join 100', unit: 's', better: 'smaller', samples: 6, n: 0 });
  });

  it('criterion estimates.json: the id from the path, the mean with its standard error', () => {
    const r = read('criterion/fib/fib_20/new/estimates.json');
    expect(r.benchmarks).toHaveLength(1);
    expect(r.benchmarks[0]).toMatchObject({ name: 'fib/fib_20', unit: 'ns', value: 24956.02 });
    expect(r.benchmarks[0]!.spread!.stddev / Math.sqrt(r.benchmarks[0]!.spread!.n)).toBeCloseTo(79.31, 6);
  });
});

describe('unreadable benchmark files fail with one line', () => {
  it.each([
    ['text', 'hello\n', /results\.txt: unknown benchmark format; expected Benchmark\.js, tinybench/],
    ['bad JSON', '{"x": ', /results\.txt: not valid JSON/],
    ['unknown JSON', '{"x": 1}', /results\.txt: JSON of an unknown benchmark tool/],
    ['custom without value', '[{"name": "a"}]', /results\.txt: entry "a" has no numeric "value" or "samples"/],
    ['custom with a bad direction', '[{"name": "a", "value": 1, "better": "up"}]', /better: "up"; use "smaller" or "bigger"/],
  ])('%s', (_, text, message) => {
    expect(() => readBench(text, 'results.txt')).toThrow(ConfigurationError);
    expect(() => readBench(text, 'results.txt')).toThrow(message);
  });
});
