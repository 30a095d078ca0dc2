// `npm run bench -- tests/bench/bundles`: each dist bundle's size and its start (no inputs → one `::error::`
// line and exit 1) against actions/checkout's bundle, run side by side in this one process. Ratios, never
// timed asserts. Targets: every bundle ≤ 1.5 MB, start ≤ 1.0 × checkout. The anchor is outside the
// repository (../shared/anchors/actions-checkout/, or CHECKOUT_ANCHOR) and is never copied in.
import { describe, it } from '@jest/globals';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median, timeProcess } from './scan-timing.js';

const ROOT = process.cwd();
const DIST = join(ROOT, 'dist');
const ANCHOR = process.env.CHECKOUT_ANCHOR ?? join(ROOT, '..', 'shared', 'anchors', 'actions-checkout', 'index.js');
const RUNS = Number(process.env.BUNDLE_BENCH_RUNS ?? 11);
const MAX_BYTES = 1.5 * 1024 * 1024;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

interface Start {
  wall: number[];
  cpu: number[];
}

/** Only PATH and HOME: no INPUT_* and no GITHUB_* context, even when the bench itself runs in a workflow. */
const BARE_ENV = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };

/** A start with no inputs and no GITHUB_* context: what a misconfigured step costs before its error line. */
function start(file: string, cwd: string, into: Start): string {
  const r = timeProcess(process.execPath, [file], cwd, BARE_ENV);
  into.wall.push(r.ms);
  if (r.cpu !== undefined) into.cpu.push(r.cpu);
  return r.stdout;
}

describe('bundle benchmark', () => {
  it('size of every bundle and its start against actions/checkout', () => {
    const bundles = existsSync(DIST)
      ? readdirSync(DIST)
          .filter((name) => existsSync(join(DIST, name, 'index.js')))
          .sort()
      : [];
    if (!bundles.length) {
      console.log('bundle bench skipped: no dist/*/index.js (run `npm run build`)');
      return;
    }
    const lines = ['bundle                   size      ≤1.5 MB  start wall  ratio  start CPU  ratio'];
    const anchor = existsSync(ANCHOR);
    const cwd = mkdtempSync(join(tmpdir(), 'cl-bundle-bench-'));
    try {
      for (const name of bundles) {
        const file = join(DIST, name, 'index.js');
        const size = statSync(file).size;
        const own: Start = { wall: [], cpu: [] };
        const checkout: Start = { wall: [], cpu: [] };
        let firstLine = '';
        // Interleaved, so load on the shared machine falls on both sides alike.
        for (let i = 0; i < RUNS; i++) {
          const out = start(file, cwd, own);
          // The CLI prints its usage (exit 2) instead: its start is timed the same way.
          if (i === 0) firstLine = out.split('\n').find((l) => l.startsWith('::error::')) ?? `(no ::error:: line) ${out.trim().split('\n')[0] ?? ''}`;
          if (anchor) start(ANCHOR, cwd, checkout);
        }
        const ratio = (a: number[], b: number[]): string => (a.length && b.length ? `${(median(a) / median(b)).toFixed(2)}×` : 'n/a');
        lines.push(
          `${name.padEnd(24)} ${mb(size).padStart(8)}  ${(size <= MAX_BYTES ? 'yes' : 'NO').padEnd(7)}  ${`${median(own.wall).toFixed(0)} ms`.padStart(10)}  ${ratio(own.wall, checkout.wall).padStart(5)}  ${`${own.cpu.length ? median(own.cpu).toFixed(0) : '?'} ms`.padStart(9)}  ${ratio(own.cpu, checkout.cpu).padStart(5)}`,
          `  ${firstLine.slice(0, 110)}`,
        );
      }
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
    lines.push(
      anchor
        ? `actions/checkout anchor: ${mb(statSync(ANCHOR).size)} (${ANCHOR}); ratios are medians of ${RUNS} interleaved starts; target ≤ 1.00×`
        : `actions/checkout anchor not found at ${ANCHOR}: ratios not measured`,
    );
    console.log(lines.join('\n'));
  });
});
