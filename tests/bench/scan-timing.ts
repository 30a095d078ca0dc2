// Timing fixtures for the scan benchmark: a typical commit and a 10 MB diff built from this repo's own
// source lines (deterministic), with a few planted samples so the scanners have something to find.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { ScanFile } from '../../packages/core/src/scan/index.js';

function sourceLines(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      // Relative: the checkout's own folder may be called scan.
      else if (name.endsWith('.ts') && !relative(root, path).includes('/scan/'))
        out.push(
          ...readFileSync(path, 'utf8')
            .split('\n')
            .filter((l) => l.trim()),
        );
    }
  };
  walk(join(root, 'packages'));
  return out;
}

/** `files` × `linesPerFile` added lines of real TypeScript; every 400th line is a planted credential sample. */
export function typicalCommit(root: string, planted: string[], files = 50, linesPerFile = 40): ScanFile[] {
  const corpus = sourceLines(root);
  let k = 0;
  return Array.from({ length: files }, (_, f) => ({
    path: `src/module${f}/file${f}.ts`,
    lines: Array.from({ length: linesPerFile }, (_, i) => {
      k++;
      return { line: i + 1, text: k % 400 === 0 ? (planted[(k / 400) % planted.length] as string) : (corpus[k % corpus.length] as string) };
    }),
  }));
}

/** A unified diff of about `bytes` bytes: files of 200 added lines each. */
export function bigDiff(root: string, bytes: number): string {
  const corpus = sourceLines(root);
  const parts: string[] = [];
  let size = 0;
  let k = 0;
  for (let f = 0; size < bytes; f++) {
    const lines: string[] = [];
    for (let i = 0; i < 200; i++) lines.push(`+${corpus[k++ % corpus.length] as string}`);
    const chunk = `diff --git a/gen/f${f}.ts b/gen/f${f}.ts\nnew file mode 100644\nindex 0000000..1111111\n--- /dev/null\n+++ b/gen/f${f}.ts\n@@ -0,0 +1,200 @@\n${lines.join('\n')}\n`;
    parts.push(chunk);
    size += chunk.length;
  }
  return parts.join('');
}

/** Writes the commit's files (and a config file) into a fresh git repo, staged, and returns its directory. */
export function writeCommit(files: ScanFile[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-scan-bench-'));
  execFileSync('git', ['init', '-q', dir]);
  for (const f of files) {
    mkdirSync(join(dir, f.path, '..'), { recursive: true });
    writeFileSync(join(dir, f.path), `${f.lines.map((l) => l.text).join('\n')}\n`);
  }
  // A config file, as a repository using closed-loop has one (the CLI reads its scan: section).
  mkdirSync(join(dir, '.github'), { recursive: true });
  writeFileSync(join(dir, '.github', 'closed-loop.yml'), 'scan:\n  fail_on: high\n  exclude: ["docs/**"]\n');
  execFileSync('git', ['add', '-A'], { cwd: dir });
  return dir;
}

/**
 * Wall and CPU time (user + system) and peak resident memory (MiB) of a child process, cold start
 * included; CPU and memory come from /usr/bin/time, when present.
 */
export function timeProcess(
  command: string,
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = process.env,
): { ms: number; cpu: number | undefined; rssMiB: number | undefined; status: number | null; stdout: string } {
  const timed = existsSync('/usr/bin/time');
  const started = process.hrtime.bigint();
  const r = timed
    ? spawnSync('/usr/bin/time', ['-f', 'CPU %U %S RSS %M', command, ...args], { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 })
    : spawnSync(command, args, { cwd, env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const usage = /CPU ([\d.]+) ([\d.]+) RSS (\d+)\s*$/.exec(r.stderr ?? '');
  return {
    ms,
    cpu: usage ? (Number(usage[1]) + Number(usage[2])) * 1000 : undefined,
    rssMiB: usage ? Number(usage[3]) / 1024 : undefined,
    status: r.status,
    stdout: r.stdout,
  };
}

/**
 * A dump of about `bytes` bytes, staged in a fresh git repo as `dump.txt`: every line holds three
 * high-entropy `key = "…"` assignments (about 590,000 findings in 21 MB), from a seeded generator.
 */
export function writeDump(bytes: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'cl-scan-dump-'));
  execFileSync('git', ['init', '-q', dir]);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let seed = 12345;
  const token = (): string => {
    let t = '';
    for (let i = 0; i < 24; i++) t += alphabet.charAt((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % alphabet.length);
    return t;
  };
  const lines: string[] = [];
  for (let size = 0; size < bytes;) {
    const line = `api_key = "${token()}"; secret = "${token()}"; token = "${token()}"`;
    lines.push(line);
    size += line.length + 1;
  }
  writeFileSync(join(dir, 'dump.txt'), `${lines.join('\n')}\n`);
  execFileSync('git', ['add', 'dump.txt'], { cwd: dir });
  return dir;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? (s[(s.length - 1) / 2] as number) : ((s[s.length / 2 - 1] as number) + (s[s.length / 2] as number)) / 2;
}

export interface Timing {
  wall: number;
  /** CPU time of this process (user + system): what the work costs, whatever else the 2 shared cores are doing. */
  cpu: number;
}

/** Each run's wall and CPU time. */
export async function timeRuns(fn: () => unknown, runs: number): Promise<Timing[]> {
  const out: Timing[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const startedCpu = process.cpuUsage();
    await fn();
    const used = process.cpuUsage(startedCpu);
    out.push({ wall: Number(process.hrtime.bigint() - started) / 1e6, cpu: (used.user + used.system) / 1000 });
  }
  return out;
}

export function medianTiming(runs: readonly Timing[]): Timing {
  return { wall: median(runs.map((r) => r.wall)), cpu: median(runs.map((r) => r.cpu)) };
}

export async function timeIt(fn: () => unknown, runs: number): Promise<Timing> {
  return medianTiming(await timeRuns(fn, runs));
}
