import type { Random } from '../../clock.js';
import { mean, stddev, type Benchmark } from './types.js';

export interface BenchSettings {
  /** Largest tolerated slowdown, in percent (5: a 5 % slower result passes). */
  tolerance: number;
  /** Confidence of the interval that decides "outside the noise" (0.95). */
  confidence: number;
  /** Bootstrap resamples. */
  resamples: number;
}

export type Judgement =
  /** Slower beyond the tolerance with the whole confidence interval beyond it (or, with no spread, by the threshold). */
  | 'regressed'
  /** The interval says no slowdown beyond the tolerance. */
  | 'ok'
  /** Faster beyond the tolerance and outside the noise. */
  | 'improved'
  /** Slower, and the interval reaches beyond the tolerance but not wholly: too noisy to tell. */
  | 'noisy'
  /** In the head only. */
  | 'new';

export interface BenchComparison {
  name: string;
  unit: string;
  better: Benchmark['better'];
  head: number;
  base: number | undefined;
  /**
   * How much worse the head is: head/base for time (smaller is better), base/head for throughput;
   * 1.2 means 20 % slower. Undefined without a base.
   */
  ratio: number | undefined;
  /** Confidence interval of `ratio`; undefined when neither side gave samples or a spread. */
  interval: [number, number] | undefined;
  /** How the interval was found, or why there is none. */
  method: 'bootstrap' | 'normal' | 'no spread given' | undefined;
  judgement: Judgement;
  regressed: boolean;
}

/** Ratio-of-means bootstrap: resample both sides with replacement; the percentile interval of the worse-ratio. */
function bootstrap(
  head: readonly number[],
  base: readonly number[],
  worse: (h: number, b: number) => number,
  s: BenchSettings,
  random: Random,
): [number, number] {
  // Bound the work on tools that write thousands of samples: the interval needs ~1000 resamples, not more.
  const rounds = Math.max(500, Math.min(s.resamples, Math.floor(4_000_000 / (head.length + base.length))));
  const ratios = new Float64Array(rounds);
  const resampledMean = (xs: readonly number[]) => {
    let sum = 0;
    for (let i = 0; i < xs.length; i++) sum += xs[Math.floor(random() * xs.length)] as number;
    return sum / xs.length;
  };
  for (let r = 0; r < rounds; r++) ratios[r] = worse(resampledMean(head), resampledMean(base));
  ratios.sort();
  const alpha = (1 - s.confidence) / 2;
  return [ratios[Math.floor(alpha * (rounds - 1))] as number, ratios[Math.ceil((1 - alpha) * (rounds - 1))] as number];
}

/** z of a two-sided interval (Abramowitz & Stegun 26.2.23, error < 4.5e-4). */
function zOf(confidence: number): number {
  const p = 1 - (1 - confidence) / 2;
  const q = Math.sqrt(-2 * Math.log(1 - p));
  return q - (2.515517 + 0.802853 * q + 0.010328 * q * q) / (1 + 1.432788 * q + 0.189269 * q * q + 0.001308 * q * q * q);
}

function spreadOf(b: Benchmark): { m: number; sd: number; n: number } | undefined {
  if (b.samples && b.samples.length > 1) return { m: mean(b.samples), sd: stddev(b.samples), n: b.samples.length };
  if (b.spread && b.spread.n > 1) return { m: b.value, sd: b.spread.stddev, n: b.spread.n };
  return undefined;
}

/** One benchmark, head against base: the worse-ratio, its interval, and the verdict. */
export function compareBenchmark(head: Benchmark, base: Benchmark | undefined, settings: BenchSettings, random: Random): BenchComparison {
  const common = { name: head.name, unit: head.unit, better: head.better, head: head.value };
  if (!base) return { ...common, base: undefined, ratio: undefined, interval: undefined, method: undefined, judgement: 'new', regressed: false };
  const worse = head.better === 'smaller' ? (h: number, b: number) => h / b : (h: number, b: number) => b / h;
  const ratio = worse(head.value, base.value);
  const limit = 1 + settings.tolerance / 100;
  let interval: [number, number] | undefined;
  let method: BenchComparison['method'];
  if (head.samples && head.samples.length > 1 && base.samples && base.samples.length > 1) {
    interval = bootstrap(head.samples, base.samples, worse, settings, random);
    method = 'bootstrap';
  } else {
    const h = spreadOf(head);
    const b = spreadOf(base);
    if (h || b) {
      // Delta method for a ratio of independent means: relative standard errors add in quadrature.
      const rel = Math.sqrt((h ? (h.sd / h.m) ** 2 / h.n : 0) + (b ? (b.sd / b.m) ** 2 / b.n : 0));
      const z = zOf(settings.confidence);
      interval = [ratio * (1 - z * rel), ratio * (1 + z * rel)];
      method = 'normal';
    } else method = 'no spread given';
  }
  let judgement: Judgement;
  if (!interval) judgement = ratio > limit ? 'regressed' : ratio < 1 / limit ? 'improved' : 'ok';
  // With a spread: the whole interval must lie beyond the tolerance. A change that merely measures above
  // it while the interval reaches below it could be noise, and a required check must not block on noise.
  else if (interval[0] > limit) judgement = 'regressed';
  else if (interval[1] > limit && ratio > 1) judgement = 'noisy';
  else if (interval[1] < 1 / limit) judgement = 'improved';
  else judgement = 'ok';
  return { ...common, base: base.value, ratio, interval, method, judgement, regressed: judgement === 'regressed' };
}

export interface BenchGateResult {
  /** `warning`: no base to compare with — not judged, and said so. */
  state: 'passed' | 'failed' | 'warning';
  comparisons: BenchComparison[];
  /** Benchmarks in the base that the head no longer has. */
  missing: string[];
  notes: string[];
}

/** Every head benchmark against the base's of the same name; no base at all is a warning, never a pass. */
export function compareBenchmarks(
  head: readonly Benchmark[],
  base: readonly Benchmark[] | undefined,
  settings: BenchSettings,
  random: Random,
): BenchGateResult {
  const byName = new Map((base ?? []).map((b) => [b.name, b]));
  const comparisons = head.map((h) => compareBenchmark(h, byName.get(h.name), settings, random));
  const headNames = new Set(head.map((h) => h.name));
  const missing = (base ?? []).map((b) => b.name).filter((n) => !headNames.has(n));
  const notes: string[] = [];
  const noisy = comparisons.filter((c) => c.judgement === 'noisy').map((c) => c.name);
  if (noisy.length)
    notes.push(`too noisy to judge against a ${settings.tolerance}% tolerance: ${noisy.join(', ')} (more samples or a quieter runner narrow the interval).`);
  const bare = comparisons.filter((c) => c.method === 'no spread given').map((c) => c.name);
  if (bare.length) notes.push(`no spread given, judged by the threshold alone: ${bare.join(', ')}.`);
  if (!base) return { state: 'warning', comparisons, missing, notes: ['no base results: the benchmarks were not compared (not a pass).', ...notes] };
  return { state: comparisons.some((c) => c.regressed) ? 'failed' : 'passed', comparisons, missing, notes };
}
