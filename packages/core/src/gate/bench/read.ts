import { ConfigurationError } from '../../errors.js';
import { readBenchmarkJsJson, readBenchmarkJsText, readTinybench, readVitest } from './readers-js.js';
import {
  readBenchmarkDotNet,
  readCargoCriterionLines,
  readCriterion,
  readCustom,
  readGoBench,
  readGoogleBenchmark,
  readHyperfine,
  readJmh,
  readPytestBenchmark,
} from './readers-native.js';
import type { BenchResults } from './types.js';

const FORMATS =
  'Benchmark.js, tinybench, vitest bench --outputJson, pytest-benchmark, go test -bench, criterion estimates.json, Google Benchmark, JMH, BenchmarkDotNet, hyperfine or the custom JSON (docs/quality-gate.md)';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** criterion keeps the benchmark's id in the path: target/criterion/<group>/<bench>/new/estimates.json. */
function criterionName(file: string): string {
  const parts = file.replace(/\\/g, '/').split('/');
  const at = parts.lastIndexOf('criterion');
  const upTo = parts.length - 2; // drop "new|base" and "estimates.json"
  return (at >= 0 ? parts.slice(at + 1, upTo) : parts.slice(Math.max(0, upTo - 1), upTo)).join('/') || file;
}

/** Reads benchmark results of any supported tool, detected from the content; `name` is the file (for errors and criterion ids). */
export function readBench(text: string, name: string): BenchResults {
  const trimmed = text.replace(/^\uFEFF/, '').trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    const lines = readCargoCriterionLines(trimmed.startsWith('{') && trimmed.includes('"benchmark-complete"') ? trimmed : '');
    if (lines) return lines;
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (error) {
      throw new ConfigurationError(`${name}: not valid JSON (${(error as Error).message}); expected ${FORMATS}.`);
    }
    if (Array.isArray(data)) {
      const first: unknown = data[0];
      if (isObj(first) && isObj(first.primaryMetric)) return readJmh(data, name);
      if (isObj(first) && isObj(first.result) && typeof first.name === 'string') return readTinybench(data, name);
      if (isObj(first) && isObj(first.stats) && ('hz' in first || 'cycles' in first)) return readBenchmarkJsJson(data, name);
      return readCustom(data, name);
    }
    if (isObj(data)) {
      if (Array.isArray(data.results) && isObj(data.results[0]) && 'command' in data.results[0]) return readHyperfine(data, name);
      if (Array.isArray(data.Benchmarks)) return readBenchmarkDotNet(data, name);
      if (Array.isArray(data.files)) return readVitest(data, name);
      if (isObj(data.context) && Array.isArray(data.benchmarks)) return readGoogleBenchmark(data, name);
      if (Array.isArray(data.benchmarks) && isObj(data.machine_info)) return readPytestBenchmark(data, name);
      if (isObj(data.mean) && 'point_estimate' in data.mean) return readCriterion(data, name, criterionName(name));
      if (Array.isArray(data.benchmarks)) return readCustom(data.benchmarks, name, data.better === 'bigger' ? 'bigger' : 'smaller');
    }
    throw new ConfigurationError(`${name}: JSON of an unknown benchmark tool; expected ${FORMATS}.`);
  }
  const parsed = readGoBench(text) ?? readBenchmarkJsText(text);
  if (parsed) return parsed;
  throw new ConfigurationError(`${name}: unknown benchmark format; expected ${FORMATS}.`);
}
