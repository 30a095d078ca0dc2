// failure-classify on the labelled logs in ../shared/data/ci-logs: accuracy, evidence, transient
// detection, then speed against grep -E over the same rule patterns and peak memory for 100 MB vs 1 GB.
import { describe, expect, it } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createGunzip } from 'node:zlib';
import ts from 'typescript';
import { BUILTIN_RULES, classifyLog, failureSignature, type LogResult } from '../../packages/core/src/classify/index.js';

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
}

const collapse = (s: string) => s.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').replace(/\r/g, '').replace(/\s+/g, ' ').trim();

function logchunkCases(): Case[] {
  return readFileSync(join(DATA, 'logchunks/labels.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { id: string; log: string; category: string; transient: boolean; chunk: string; repo: string; lc_category: number })
    .map((x) => {
      const chunkLines = x.chunk.split('\n').map(collapse).filter((l) => l.length >= 4);
      const chunk = collapse(x.chunk);
      return {
        id: x.id,
        file: join(DATA, x.log),
        category: x.category,
        transient: x.transient,
        group: `${x.repo}#${x.lc_category}`,
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
        hit: (r: LogResult) => ranges.some(([a, b]) => r.evidence.startLine <= b && r.evidence.endLine >= a),
      };
    });
}

const run = (file: string) => classifyLog(createReadStream(file).pipe(createGunzip()));

interface Scores {
  n: number;
  accuracy: number;
  macroF1: number;
  evidence: number;
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
  const rows = Object.entries(s.perCategory).map(([c, v]) => `  ${c.padEnd(15)} n=${String(v.n).padStart(3)}  P=${pct(v.p).padStart(6)}  R=${pct(v.r).padStart(6)}  F1=${pct(v.f1).padStart(6)}`);
  return [
    `${name} (${s.n} logs): macro-F1 ${pct(s.macroF1)} (target ≥ 80%)  accuracy ${pct(s.accuracy)}  evidence hit ${pct(s.evidence)} (target ≥ 85%)`,
    `  transient precision ${pct(tprec)} (target ≥ 90%)  recall ${pct(trec)}  (tp ${s.tp}, fp ${s.fp}, fn ${s.fn})`,
    ...rows,
  ].join('\n');
}

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
    const allScores = score(all, results);
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
      .map(({ c, r }) => `  ${c.id.padEnd(34)} want ${c.category}${c.transient ? '/transient' : ''}  got ${r.category}/${r.subcategory}${r.transient ? '/transient' : ''} (${r.confidence}) ${r.ruleId ?? ''}`);
    console.log(
      [
        report('logchunks', lcScores),
        report('cidiff', cdScores),
        report('all', allScores),
        `signature: ${stable}/${new Set(multi).size} LogChunks clusters with one signature across their logs`,
        `time: ${(ms / all.length).toFixed(1)} ms per log (${all.length} logs)`,
        process.env.BENCH_VERBOSE ? `misses:\n${misses.join('\n')}` : `${misses.length} misses (BENCH_VERBOSE=1 lists them)`,
      ].join('\n'),
    );
    expect(results).toHaveLength(all.length);
  });
});
