// failure-classify on the labelled logs in ../shared/data/ci-logs: accuracy, evidence, transient
// detection, then speed against grep -E over the same rule patterns and peak memory for 100 MB vs 1 GB.
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createGunzip, gunzipSync } from 'node:zlib';
import ts from 'typescript';
import { BUILTIN_RULES, classifyLog, failureSignature, stripAnsi, type LogResult } from '../../packages/core/src/classify/index.js';

const ROOT = resolve(import.meta.dirname ?? '.', '../..');
const DATA = resolve(ROOT, '../shared/data/ci-logs');
const present = existsSync(join(DATA, 'logchunks/labels.jsonl'));
if (!present) console.log(`classify bench skipped: ${DATA} is absent (the labelled CI logs live outside the repository).`);

interface Case {
  id: string;
  file: string;
  category: string;
  transient: boolean;
  /** Does the evidence explain the failure? */
  hit: (r: LogResult) => boolean;
  group?: string;
  /** The repository the log comes from: the unit of the grouped cross-validation. */
  repo: string;
}

const collapse = (s: string) => stripAnsi(s).replace(/\r/g, '').replace(/\s+/g, ' ').trim();

function logchunkCases(): Case[] {
  return readFileSync(join(DATA, 'logchunks/labels.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; log: string; category: string; transient: boolean; chunk: string; repo: string; lc_category: number })
    .map((x) => {
      const chunkLines = x.chunk
        .split('\n')
        .map(collapse)
        .filter((l) => l.length >= 4);
      const chunk = collapse(x.chunk);
      return {
        id: x.id,
        file: join(DATA, x.log),
        category: x.category,
        transient: x.transient,
        group: `${x.repo}#${x.lc_category}`,
        repo: x.repo,
        // The labelled chunk overlaps the evidence: a chunk line is in the evidence or an evidence line is in the chunk.
        hit: (r: LogResult) => {
          const ev = r.evidence.lines.map(collapse).filter((l) => l.length >= 4);
          const evText = ev.join(' ');
          return chunkLines.some((c) => evText.includes(c)) || ev.some((e) => chunk.includes(e));
        },
      };
    });
}

function cidiffCases(): Case[] {
  return readFileSync(join(DATA, 'cidiff/labels.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; dir: string; category: string; transient: boolean })
    .map((x) => {
      const ranges = readFileSync(join(DATA, x.dir, 'groundtruth'), 'utf8')
        .split('\n')
        .slice(1)
        .filter((g) => g.startsWith('E '))
        .map((g) => g.slice(2).split('-').map(Number))
        .map(([a, b]) => [a!, b ?? a!] as const);
      return {
        id: x.id,
        file: join(DATA, x.dir, 'fail.log.gz'),
        category: x.category,
        transient: x.transient,
        repo: cidiffRepo(x.dir),
        hit: (r: LogResult) => {
          // CiDiff numbers lines like Java's readLine (a bare \r ends a line too); we fold \r redraws into one line.
          const starts = groundtruthLineStarts(join(DATA, x.dir, 'fail.log.gz'));
          const from = starts[r.evidence.startLine - 1] ?? r.evidence.startLine;
          const to = (starts[r.evidence.endLine] ?? r.evidence.endLine + 1) - 1;
          return ranges.some(([a, b]) => from <= b && to >= a);
        },
      };
    });
}

/** CiDiff case folders are `<project>_<n>` or `<project>-<job>-run<n>`; terraform's two jobs are one repository. */
function cidiffRepo(dir: string): string {
  const slug = dir
    .split('/')
    .at(-1)!
    .replace(/_\d+$/, '')
    .replace(/-run\d+$/, '');
  return `cidiff:${slug.replace(/-(build|quickchecks)$/, '')}`;
}

/** For each of our lines (split on \n), the 1-based CiDiff line it starts at; one extra entry past the end. */
function groundtruthLineStarts(file: string): number[] {
  const starts: number[] = [];
  let n = 1;
  for (const line of gunzipSync(readFileSync(file)).toString('utf8').split('\n')) {
    starts.push(n);
    const body = line.endsWith('\r') ? line.slice(0, -1) : line;
    n += 1 + (body.match(/\r/g)?.length ?? 0);
  }
  starts.push(n);
  return starts;
}

const run = (file: string) => classifyLog(createReadStream(file).pipe(createGunzip()));

interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  evidence: number;
  abstain: number;
  tp: number;
  fp: number;
  fn: number;
  perCategory: Record<string, { p: number; r: number; f1: number; n: number }>;
}

function score(cases: Case[], results: LogResult[]): Scores {
  const cats = [...new Set(cases.map((c) => c.category))].sort();
  const perCategory: Scores['perCategory'] = {};
  for (const cat of cats) {
    const tp = cases.filter((c, i) => c.category === cat && results[i]!.category === cat).length;
    const predicted = results.filter((r) => r.category === cat).length;
    const actual = cases.filter((c) => c.category === cat).length;
    const p = predicted ? tp / predicted : 0;
    const r = actual ? tp / actual : 0;
    perCategory[cat] = { p, r, f1: p + r ? (2 * p * r) / (p + r) : 0, n: actual };
  }
  const tp = cases.filter((c, i) => c.transient && results[i]!.transient).length;
  const fp = cases.filter((c, i) => !c.transient && results[i]!.transient).length;
  const fn = cases.filter((c, i) => c.transient && !results[i]!.transient).length;
  return {
    n: cases.length,
    accuracy: cases.filter((c, i) => c.category === results[i]!.category).length / cases.length,
    macroF1: Object.values(perCategory).reduce((a, c) => a + c.f1, 0) / cats.length,
    evidence: cases.filter((c, i) => c.hit(results[i]!)).length / cases.length,
    abstain: results.filter((r) => r.category === 'unknown').length / cases.length,
    tp,
    fp,
    fn,
    perCategory,
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

function report(name: string, s: Scores): string {
  const tprec = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
  const trec = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
  const rows = Object.entries(s.perCategory).map(
    ([c, v]) => `  ${c.padEnd(15)} n=${String(v.n).padStart(3)}  P=${pct(v.p).padStart(6)}  R=${pct(v.r).padStart(6)}  F1=${pct(v.f1).padStart(6)}`,
  );
  return [
    `${name} (${s.n} logs): macro-F1 ${pct(s.macroF1)} (target ≥ 85%)  accuracy ${pct(s.accuracy)}  evidence hit ${pct(s.evidence)} (target ≥ 85%)  abstain ${pct(s.abstain)} (target ≤ 10%)`,
    `  transient precision ${pct(tprec)} (target ≥ 90%)  recall ${pct(trec)} (target ≥ 80%)  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    ...rows,
  ].join('\n');
}

const FOLDS = 5;

/** A stable fold for a repository (FNV-1a of its name): the same repo is always in the same fold, whatever the data order. */
function foldOf(repo: string): number {
  let h = 0x811c9dc5;
  for (const ch of repo) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h % FOLDS;
}

/**
 * Repository-grouped cross-validation. The rules are hand-written and fitted on nothing at bench
 * time, so each fold's figure is the rules on repositories held out together; no repository is in
 * two folds. The headline pools the held-out folds (each log is scored exactly once) and shows the
 * spread across folds, then the figure per fold with its repositories.
 */
function groupedReport(cases: Case[], results: LogResult[]): string {
  const folds = Array.from({ length: FOLDS }, (_, f) => cases.map((c, i) => ({ c, r: results[i]! })).filter(({ c }) => foldOf(c.repo) === f));
  const perFold = folds.map((rows) =>
    score(
      rows.map((x) => x.c),
      rows.map((x) => x.r),
    ),
  );
  const pooled = score(cases, results);
  const f1s = perFold.map((s) => s.macroF1);
  const lines = folds.map((rows, f) => {
    const s = perFold[f]!;
    const repos = [...new Set(rows.map((x) => x.c.repo))].sort();
    const tprec = s.tp + s.fp ? s.tp / (s.tp + s.fp) : 1;
    const trec = s.tp + s.fn ? s.tp / (s.tp + s.fn) : 1;
    return [
      `  fold ${f}: ${String(s.n).padStart(3)} logs  macro-F1 ${pct(s.macroF1)}  accuracy ${pct(s.accuracy)}  evidence ${pct(s.evidence)}  abstain ${pct(s.abstain)}  transient P ${pct(tprec)} R ${pct(trec)}`,
      `          repos (${repos.length}): ${repos.join(', ')}`,
    ].join('\n');
  });
  return [
    `HEADLINE — repository-grouped cross-validation, ${FOLDS} folds over ${new Set(cases.map((c) => c.repo)).size} repositories (no repository in two folds)`,
    report('pooled held-out folds', pooled),
    `  per-fold macro-F1: mean ${pct(f1s.reduce((a, b) => a + b, 0) / FOLDS)}  min ${pct(Math.min(...f1s))}  max ${pct(Math.max(...f1s))}`,
    ...lines,
  ].join('\n');
}

/** Transpiles the engine to plain ESM in a temp dir so a child node process can run it (memory, timing). */
function transpileEngine(dir: string): string {
  const src = join(ROOT, 'packages/core/src');
  // The whole of core, not a hand-kept list of what classify imports today: the engine's imports change.
  const files = readdirSync(src, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  for (const file of files) {
    const js = ts.transpileModule(readFileSync(join(src, file), 'utf8'), {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    }).outputText;
    const out = join(dir, file.replace(/\.ts$/, '.js'));
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, js);
  }
  writeFileSync(join(dir, 'package.json'), '{"type":"module"}');
  writeFileSync(join(dir, 'child.mjs'), CHILD);
  return join(dir, 'child.mjs');
}

// The child: classify a file, or a generated log of N bytes that never exists as a whole; print figures.
const CHILD = `
import { createReadStream } from 'node:fs';
import { classifyLog } from './classify/index.js';
import { syntheticLog } from './synthetic.mjs';
const [mode, arg] = process.argv.slice(2);
const source = mode === 'file' ? createReadStream(arg, { highWaterMark: 1 << 20 }) : syntheticLog(Number(arg));
const t = performance.now();
const r = await classifyLog(source, { maxBytes: Infinity });
console.log(JSON.stringify({ ms: performance.now() - t, lines: r.lines, bytes: r.bytes, category: r.category, maxRssKb: process.resourceUsage().maxRSS }));
`;

// Build-like output with the words that make rules look twice (warnings, "0 errors", passing tests), and a failure at the end.
const SYNTHETIC = `
const STAMP = '2026-01-01T00:00:00.0000000Z ';
const ROWS = [
  'Compiling widgets v0.1.0 (/home/runner/work/widgets/widgets/crates/core)',
  '  PASS  src/parser/__tests__/dates.test.ts (5.123 s)',
  'npm WARN deprecated request@2.88.2: request has been deprecated, see https://github.com/request/request/issues/3142',
  '[INFO] --- maven-surefire-plugin:3.0.0:test (default-test) @ widgets-core ---',
  '[INFO] Tests run: 42, Failures: 0, Errors: 0, Skipped: 1, Time elapsed: 1.234 s - in com.acme.ParserTest',
  'Downloading https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz (540 kB)',
  'warning: unused variable: count --> src/lib.rs:10:9',
  'ok  \\tgithub.com/acme/widgets/internal/store\\t0.412s',
  '##[group]Run actions/setup-node@v4\\n' + STAMP + ' with:\\n' + STAMP + '##[endgroup]',
  'test result: ok. 128 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.52s',
  '  \u2713 renders the header without errors (12 ms)',
  'Linting 214 files with eslint... 0 errors, 3 warnings',
  'Step 4/12 : RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates',
];
export function* syntheticLog(total) {
  let bytes = 0, i = 0, t = Date.UTC(2026, 0, 1);
  while (bytes < total) {
    let chunk = '';
    while (chunk.length < 65536) {
      chunk += new Date(t += 7).toISOString().replace('Z', '0000Z') + ' ' + ROWS[(i * 7919) % ROWS.length] + ' #' + i + '\\n';
      i++;
    }
    bytes += chunk.length;
    yield chunk;
  }
  yield "2026-01-02T00:00:00.0000000Z src/app.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\\n";
  yield '2026-01-02T00:00:00.1000000Z ##[error]Process completed with exit code 2.\\n';
}
`;

/** The rule patterns as POSIX extended regular expressions, for grep -E. */
function toEre(source: string): string {
  return source
    .replace(/\(\?:/g, '(')
    .replace(/\\d/g, '[0-9]')
    .replace(/\\t/g, '\t')
    .replace(/\\\//g, '/')
    .replace(/\\u\{[0-9A-Fa-f]+\}/g, '.')
    .replace(/\[\^\\\]\]/g, '[^]]');
}

function childRun(script: string, args: string[]): { ms: number; lines: number; bytes: number; category: string; maxRssKb: number; wallMs: number } {
  const t = performance.now();
  const out = execFileSync(process.execPath, [script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return { ...(JSON.parse(out) as { ms: number; lines: number; bytes: number; category: string; maxRssKb: number }), wallMs: performance.now() - t };
}

describe('classify speed and memory', () => {
  it('times a 100 MB log against grep -E over the same patterns, and compares peak memory for 100 MB vs 1 GB', () => {
    // Inside the repository, so the engine's package imports (js-yaml, ajv's runtime) resolve from node_modules.
    mkdirSync(join(ROOT, 'node_modules/.cache'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'node_modules/.cache/cl-classify-bench-'));
    try {
      const script = transpileEngine(dir);
      writeFileSync(join(dir, 'synthetic.mjs'), SYNTHETIC);
      const MB = 1024 * 1024;
      // The 100 MB file both tools read.
      const file = join(dir, 'log-100mb.txt');
      execFileSync(process.execPath, [
        '--input-type=module',
        '-e',
        `import { syntheticLog } from ${JSON.stringify(join(dir, 'synthetic.mjs'))}; import { createWriteStream } from 'node:fs'; const w = createWriteStream(${JSON.stringify(file)}); for (const c of syntheticLog(${100 * MB})) w.write(c); w.end();`,
      ]);
      const patterns = join(dir, 'patterns.ere');
      writeFileSync(patterns, BUILTIN_RULES.map((r) => toEre(r.pattern.source)).join('\n') + '\n');
      const grepOnce = () => {
        const t = performance.now();
        const res = spawnSync('grep', ['-c', '-E', '-i', '-f', patterns, file], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
        if (res.status === 2) throw new Error(`grep rejected the patterns: ${res.stderr}`);
        return { ms: performance.now() - t, count: Number(res.stdout.trim()) };
      };
      grepOnce(); // warm the page cache for both
      const grep = grepOnce();
      const node = childRun(script, ['file', file]);
      const m100 = childRun(script, ['gen', String(100 * MB)]);
      const m1g = childRun(script, ['gen', String(1024 * MB)]);
      const growth = m1g.maxRssKb / m100.maxRssKb - 1;
      console.log(
        [
          `speed, 100 MB log (${node.lines.toLocaleString()} lines, verdict ${node.category}):`,
          `  grep -c -E -i -f <${BUILTIN_RULES.length} rule patterns>: ${grep.ms.toFixed(0)} ms (${grep.count} matching lines)`,
          `  classify (child process, wall): ${node.wallMs.toFixed(0)} ms (classifying ${node.ms.toFixed(0)} ms)  ratio ${(node.wallMs / grep.ms).toFixed(2)}× grep (target ≤ 3×)`,
          `peak memory (max RSS of a child classifying a generated log):`,
          `  100 MB: ${(m100.maxRssKb / 1024).toFixed(1)} MB   1 GB: ${(m1g.maxRssKb / 1024).toFixed(1)} MB   growth ${(growth * 100).toFixed(1)}% (target ≤ 20%)   (1 GB in ${(m1g.ms / 1000).toFixed(1)} s)`,
        ].join('\n'),
      );
      expect(node.category).toBe('build');
      expect(m1g.bytes).toBeGreaterThan(1000 * MB);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

(present ? describe : describe.skip)('classify benchmark', () => {
  it('classifies the labelled logs', async () => {
    const lc = logchunkCases();
    const cd = cidiffCases();
    const all = [...lc, ...cd];
    const results: LogResult[] = [];
    const started = performance.now();
    for (const c of all) results.push(await run(c.file));
    const ms = performance.now() - started;
    const lcScores = score(lc, results.slice(0, lc.length));
    const cdScores = score(cd, results.slice(lc.length));
    // Same repo + same LogChunks cluster = the same kind of failure: how often do they share a signature?
    const groups = new Map<string, Set<string>>();
    lc.forEach((c, i) => {
      const r = results[i]!;
      const sig = failureSignature({ category: r.category, ...(r.step ? { step: r.step } : {}), errorLine: r.errorLine });
      groups.set(c.group!, (groups.get(c.group!) ?? new Set()).add(sig));
    });
    const multi = lc.filter((c) => lc.filter((d) => d.group === c.group).length > 1).map((c) => c.group!);
    const stable = [...new Set(multi)].filter((g) => groups.get(g)!.size === 1).length;
    const misses = all
      .map((c, i) => ({ c, r: results[i]! }))
      .filter(({ c, r }) => c.category !== r.category || c.transient !== r.transient)
      .map(
        ({ c, r }) =>
          `  ${c.id.padEnd(34)} want ${c.category}${c.transient ? '/transient' : ''}  got ${r.category}/${r.subcategory}${r.transient ? '/transient' : ''} (${r.confidence}) ${r.ruleId ?? ''}`,
      );
    const evidenceMisses = all
      .map((c, i) => ({ c, r: results[i]! }))
      .filter(({ c, r }) => !c.hit(r))
      .map(({ c, r }) => `  ${c.id.padEnd(34)} ${r.evidence.startLine}-${r.evidence.endLine} ${r.ruleId ?? ''}: ${r.errorLine.slice(0, 100)}`);
    console.log(
      [
        groupedReport(all, results),
        report('logchunks', lcScores),
        report('cidiff', cdScores),
        `signature: ${stable}/${new Set(multi).size} LogChunks clusters with one signature across their logs`,
        `time: ${(ms / all.length).toFixed(1)} ms per log (${all.length} logs)`,
        process.env.BENCH_VERBOSE
          ? `misses:\n${misses.join('\n')}\nevidence misses:\n${evidenceMisses.join('\n')}`
          : `${misses.length} misses (BENCH_VERBOSE=1 lists them)`,
      ].join('\n'),
    );
    expect(results).toHaveLength(all.length);
  });
});
