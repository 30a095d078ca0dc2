// A sweep of bad inputs over every CLI command, run as a user runs it: the built bundle
// (dist/cli/index.js) in a child process. Each answer must carry the documented exit code, one line on
// stderr naming the input (for usage and configuration errors), no stack trace, finish within 10 s, and
// never show the secret planted in the inputs. Skipped when the bundle is not built
// (`node scripts/build.mjs cli`).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cleanupTempDirs, tempDir, TempRepo } from '../../core/test/review-hash/temp-repo.js';

const BUNDLE = join(new URL('.', import.meta.url).pathname, '..', '..', '..', 'dist', 'cli', 'index.js');
/** The planted secret: in log, verdict, event, config and JSON inputs; it must never be printed. */
const SECRET = ['ghp', 'Zq8Xw2Vc4Bn6Ml1Kj3Hg5Fd7Sa9Po0Iu2Yt4R'].join('_');
/**
 * The budget of one answer. It is CPU time (user + system, from /usr/bin/time) when that tool exists: the
 * test machine may be shared, and a loaded one stretches wall time many-fold. Wall time is capped apart,
 * so a command that hangs waiting (no CPU) is still caught.
 */
const LIMIT_MS = 10_000;
const HANG_MS = 30_000;
const TIME = '/usr/bin/time';
const POOL = 4;

interface Case {
  /** What the row tries, for the report. */
  what: string;
  args: string[];
  /** 'repo' (a clone), 'outside' (no repository), 'badconfig' (a clone with a broken config file). */
  cwd?: 'repo' | 'outside' | 'badconfig';
  code: 0 | 1 | 2;
  /** For code 2: text the one stderr line must contain (the input it names). */
  names?: string;
}

interface Answer {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** A review decision, short of its status and audit log. */
const RECORD = ['review-hash', 'record', '--base', 'HEAD~1', '--review-id', '0f1e2d3c4b5a6978', '--reviewer', 'octo'];

const CASES: Case[] = [
  // classify
  { what: 'classify without --log', args: ['classify'], code: 2, names: '--log' },
  { what: 'classify --log without a value', args: ['classify', '--log'], code: 2, names: '--log' },
  { what: 'classify, a missing log', args: ['classify', '--log', 'missing.log'], code: 2, names: 'missing.log' },
  { what: 'classify, a directory', args: ['classify', '--log', 'dir'], code: 2, names: 'dir' },
  { what: 'classify, a path through a file', args: ['classify', '--log', 'empty.txt/job.log'], code: 2, names: 'empty.txt/job.log' },
  { what: 'classify, a truncated gzip', args: ['classify', '--log', 'truncated.log.gz'], code: 2, names: 'truncated.log.gz' },
  { what: 'classify, an empty log', args: ['classify', '--log', 'empty.txt'], code: 0 },
  { what: 'classify, binary garbage', args: ['classify', '--log', 'garbage.bin'], code: 0 },
  { what: 'classify, a 4 MB line', args: ['classify', '--log', 'huge-line.log', '--json'], code: 0 },
  { what: 'classify, a log holding the secret', args: ['classify', '--log', 'secret.log', '--json'], code: 0 },
  { what: 'classify, config with a YAML syntax error', args: ['classify', '--log', 'job.log', '--config', 'syntax.yml'], code: 2, names: 'syntax.yml' },
  {
    what: 'classify, config naming the secret as a key',
    args: ['classify', '--log', 'job.log', '--config', 'secret-key.yml'],
    code: 2,
    names: 'secret-key.yml',
  },
  { what: 'classify, config rule that does not compile', args: ['classify', '--log', 'job.log', '--config', 'bad-rule.yml'], code: 2, names: 'bad-rule.yml' },
  { what: 'classify, catastrophic rule (a+)+$', args: ['classify', '--log', 'aaaa.log', '--config', 'redos.yml'], code: 2, names: 'redos.yml' },
  { what: 'classify, unknown option', args: ['classify', '--bogus'], code: 2, names: '--bogus' },
  { what: 'classify, the repository config broken', args: ['classify', '--log', 'job.log'], cwd: 'badconfig', code: 2, names: '.github/closed-loop.yml' },
  // config
  { what: 'config validate, a missing file', args: ['config', 'validate', '--file', 'missing.yml'], code: 2, names: 'missing.yml' },
  { what: 'config validate, a directory', args: ['config', 'validate', '--file', 'dir'], code: 2, names: 'dir' },
  { what: 'config validate, YAML syntax error', args: ['config', 'validate', '--file', 'syntax.yml'], code: 2, names: 'syntax.yml' },
  { what: 'config validate, binary garbage', args: ['config', 'validate', '--file', 'garbage.bin'], code: 2, names: 'garbage.bin' },
  { what: 'config validate, version 2', args: ['config', 'validate', '--file', 'version2.yml'], code: 2, names: 'version2.yml' },
  { what: 'config validate, the secret as a key', args: ['config', 'validate', '--file', 'secret-key.yml'], code: 2, names: 'secret-key.yml' },
  { what: 'config validate, the secret as a bad value', args: ['config', 'validate', '--file', 'secret-value.yml'], code: 2, names: 'secret-value.yml' },
  { what: 'config validate, unknown environment', args: ['config', 'validate', '--file', 'ok.yml', '--environment', 'nope'], code: 2, names: 'nope' },
  { what: 'config, unknown subcommand', args: ['config', 'bogus'], code: 2, names: 'bogus' },
  { what: 'config validate, the repository config broken', args: ['config', 'validate'], cwd: 'badconfig', code: 2, names: '.github/closed-loop.yml' },
  // discover
  { what: 'discover, a missing --repo', args: ['discover', '--repo', 'missing'], code: 2, names: 'missing' },
  { what: 'discover outside a repository', args: ['discover'], cwd: 'outside', code: 2, names: 'git' },
  { what: 'discover --top 0', args: ['discover', '--top', '0'], code: 2, names: '--top' },
  { what: 'discover --top abc', args: ['discover', '--top', 'abc'], code: 2, names: '--top' },
  { what: 'discover, a missing --npm-audit', args: ['discover', '--npm-audit', 'missing.json'], code: 2, names: 'missing.json' },
  { what: 'discover, --npm-audit garbage', args: ['discover', '--npm-audit', 'garbage.bin'], code: 2, names: 'garbage.bin' },
  { what: 'discover, --npm-audit broken JSON holding the secret', args: ['discover', '--npm-audit', 'secret.json'], code: 2, names: 'secret.json' },
  { what: 'discover, an empty --deps (a tool that prints nothing when clean)', args: ['discover', '--deps', 'empty.txt'], code: 0 },
  { what: 'discover, --deps of no known tool', args: ['discover', '--deps', 'object.json'], code: 2, names: 'object.json' },
  { what: 'discover, --npm-outdated a directory', args: ['discover', '--npm-outdated', 'dir'], code: 2, names: 'dir' },
  { what: 'discover, the repository config broken', args: ['discover'], cwd: 'badconfig', code: 2, names: '.github/closed-loop.yml' },
  // gate
  { what: 'gate coverage without --report', args: ['gate', 'coverage'], code: 2, names: '--report' },
  { what: 'gate coverage, a missing report', args: ['gate', 'coverage', '--report', 'missing.info'], code: 2, names: 'missing.info' },
  { what: 'gate coverage, binary garbage', args: ['gate', 'coverage', '--report', 'garbage.bin'], code: 2, names: 'garbage.bin' },
  { what: 'gate coverage, an empty report', args: ['gate', 'coverage', '--report', 'empty.txt'], code: 2, names: 'empty.txt' },
  { what: 'gate coverage --min 150', args: ['gate', 'coverage', '--report', 'lcov.info', '--min', '150'], code: 2, names: '--min' },
  { what: 'gate coverage --base unknown', args: ['gate', 'coverage', '--report', 'lcov.info', '--base', 'nosuch'], code: 2, names: 'nosuch' },
  { what: 'gate bench, a missing --head', args: ['gate', 'bench', '--head', 'missing.json'], code: 2, names: 'missing.json' },
  { what: 'gate bench, garbage --head', args: ['gate', 'bench', '--head', 'garbage.bin'], code: 2, names: 'garbage.bin' },
  { what: 'gate bench --tolerance -5', args: ['gate', 'bench', '--head', 'bench.json', '--tolerance', '-5'], code: 2, names: '--tolerance' },
  { what: 'gate commits, --range not a range', args: ['gate', 'commits', '--range', 'HEAD;x'], code: 2, names: 'HEAD;x' },
  { what: 'gate commits, unknown revision', args: ['gate', 'commits', '--range', 'nosuch..HEAD'], code: 2, names: 'nosuch' },
  { what: 'gate commits outside a repository', args: ['gate', 'commits'], cwd: 'outside', code: 2, names: 'git' },
  // hooks
  { what: 'hooks install outside a repository', args: ['hooks', 'install'], cwd: 'outside', code: 2, names: 'git repository' },
  { what: 'hooks uninstall outside a repository', args: ['hooks', 'uninstall'], cwd: 'outside', code: 2, names: 'git repository' },
  { what: 'hooks commit-msg without MESSAGE-FILE', args: ['hooks', 'commit-msg'], code: 2, names: 'MESSAGE-FILE' },
  { what: 'hooks commit-msg, a directory', args: ['hooks', 'commit-msg', 'dir'], code: 2, names: 'dir' },
  { what: 'hooks, unknown subcommand', args: ['hooks', 'bogus'], code: 2, names: 'bogus' },
  // notify
  { what: 'notify render without --verdict', args: ['notify', 'render'], code: 2, names: '--verdict' },
  { what: 'notify render, a missing verdict', args: ['notify', 'render', '--verdict', 'missing.json'], code: 2, names: 'missing.json' },
  { what: 'notify render, an empty verdict', args: ['notify', 'render', '--verdict', 'empty.txt'], code: 2, names: 'empty.txt' },
  { what: 'notify render, a JSON array', args: ['notify', 'render', '--verdict', 'array.json'], code: 2, names: 'array.json' },
  { what: 'notify render, category 42', args: ['notify', 'render', '--verdict', 'category-42.json'], code: 2, names: 'category-42.json' },
  { what: 'notify render, severity catastrophic', args: ['notify', 'render', '--verdict', 'severity-bad.json'], code: 2, names: 'severity-bad.json' },
  { what: 'notify render, the secret as category', args: ['notify', 'render', '--verdict', 'secret-verdict.json'], code: 2, names: 'secret-verdict.json' },
  { what: 'notify render --severity extreme', args: ['notify', 'render', '--verdict', 'verdict.json', '--severity', 'extreme'], code: 2, names: '--severity' },
  {
    what: 'notify render, garbage --outcome',
    args: ['notify', 'render', '--verdict', 'verdict.json', '--outcome', 'garbage.bin'],
    code: 2,
    names: 'garbage.bin',
  },
  // recover
  { what: 'recover plan without --verdict', args: ['recover', 'plan'], code: 2, names: '--verdict' },
  { what: 'recover plan, broken JSON holding the secret', args: ['recover', 'plan', '--verdict', 'secret.json'], code: 2, names: 'secret.json' },
  { what: 'recover plan, a verdict that is only the secret', args: ['recover', 'plan', '--verdict', 'bare-secret.txt'], code: 2, names: 'bare-secret.txt' },
  { what: 'notify render, a verdict that is only the secret', args: ['notify', 'render', '--verdict', 'bare-secret.txt'], code: 2, names: 'bare-secret.txt' },
  {
    what: 'recover plan, category constructor',
    args: ['recover', 'plan', '--verdict', 'category-constructor.json'],
    code: 2,
    names: 'category-constructor.json',
  },
  { what: 'recover plan --mode sometimes', args: ['recover', 'plan', '--verdict', 'verdict.json', '--mode', 'sometimes'], code: 2, names: '--mode' },
  { what: 'recover plan --now yesterday', args: ['recover', 'plan', '--verdict', 'verdict.json', '--now', 'yesterday'], code: 2, names: '--now' },
  { what: 'recover plan --seed x', args: ['recover', 'plan', '--verdict', 'verdict.json', '--seed', 'x'], code: 2, names: '--seed' },
  {
    what: 'recover plan, --history of no runs',
    args: ['recover', 'plan', '--verdict', 'verdict.json', '--history', 'object.json'],
    code: 2,
    names: 'object.json',
  },
  { what: 'recover plan, config syntax error', args: ['recover', 'plan', '--verdict', 'verdict.json', '--config', 'syntax.yml'], code: 2, names: 'syntax.yml' },
  // replay
  { what: 'replay, unknown story', args: ['replay', '--story', 'nope'], code: 2, names: 'nope' },
  { what: 'replay, a missing event', args: ['replay', '--event', 'missing.json'], code: 2, names: 'missing.json' },
  { what: 'replay, garbage event', args: ['replay', '--event', 'garbage.bin'], code: 2, names: 'garbage.bin' },
  { what: 'replay, workflow_run null', args: ['replay', '--event', 'null-run.json'], code: 2, names: 'null-run.json' },
  { what: 'replay, the secret as workflow_run', args: ['replay', '--event', 'secret-event.json'], code: 2, names: 'secret-event.json' },
  { what: 'replay, a directory as log', args: ['replay', '--log', 'dir'], code: 2, names: 'dir' },
  // review-hash
  { what: 'review-hash outside a repository', args: ['review-hash'], cwd: 'outside', code: 2, names: 'git repository' },
  { what: 'review-hash, unknown --base', args: ['review-hash', '--base', 'nosuch'], code: 2, names: 'nosuch' },
  { what: 'review-hash, unknown --head', args: ['review-hash', '--base', 'HEAD', '--head', 'nosuch'], code: 2, names: 'nosuch' },
  { what: 'review-hash --scope wide', args: ['review-hash', '--base', 'HEAD', '--scope', 'wide'], code: 2, names: '--scope' },
  { what: 'review-hash --head with --index', args: ['review-hash', '--base', 'HEAD', '--head', 'HEAD', '--index'], code: 2, names: '--index' },
  { what: 'review-hash stamp, git has no identity', args: ['review-hash', 'stamp', '--base', 'HEAD~1'], code: 2, names: 'user.email' },
  {
    what: 'review-hash stamp, a malformed --review-id',
    args: ['review-hash', 'stamp', '--base', 'HEAD~1', '--review-id', 'x!'],
    code: 2,
    names: '--review-id',
  },
  {
    what: 'review-hash verify, unset --sign-key-env',
    args: ['review-hash', 'verify', '--base', 'HEAD~1', '--repository', 'acme/widgets', '--sign-key-env', 'NO_SUCH_KEY'],
    code: 2,
    names: 'NO_SUCH_KEY',
  },
  { what: 'review-hash record --status maybe', args: [...RECORD, '--status', 'maybe', '--audit-log', 'reviews.log'], code: 2, names: '--status' },
  { what: 'review-hash record, an audit log outside', args: [...RECORD, '--status', 'approved', '--audit-log', '../out.log'], code: 2, names: '../out.log' },
  // scan
  { what: 'scan --range not a range', args: ['scan', '--range', 'HEAD;x'], code: 2, names: 'HEAD;x' },
  { what: 'scan --range unknown revision', args: ['scan', '--range', 'nosuch..HEAD'], code: 2, names: 'nosuch' },
  { what: 'scan --files without paths', args: ['scan', '--files'], code: 2, names: '--files' },
  { what: 'scan, a missing file', args: ['scan', '--files', 'missing.txt'], code: 2, names: 'missing.txt' },
  { what: 'scan, a directory', args: ['scan', '--files', 'dir'], code: 2, names: 'dir' },
  { what: 'scan --fail-on extreme', args: ['scan', '--fail-on', 'extreme'], code: 2, names: '--fail-on' },
  { what: 'scan --staged with --range', args: ['scan', '--staged', '--range', 'HEAD~1..HEAD'], code: 2, names: '--staged' },
  {
    what: 'scan, --sarif into a missing folder',
    args: ['scan', '--files', 'settings.py', '--sarif', 'missing/out.sarif'],
    code: 2,
    names: 'missing/out.sarif',
  },
  { what: 'scan, --sarif onto a directory', args: ['scan', '--files', 'settings.py', '--sarif', 'dir'], code: 2, names: 'dir' },
  { what: 'scan --staged outside a repository', args: ['scan', '--staged'], cwd: 'outside', code: 2, names: 'git repository' },
  { what: 'scan, the repository config broken', args: ['scan', '--files', 'job.log'], cwd: 'badconfig', code: 2, names: '.github/closed-loop.yml' },
  { what: 'scan, binary garbage', args: ['scan', '--files', 'garbage.bin'], code: 0 },
  { what: 'scan, a file holding the secret', args: ['scan', 'settings.py'], code: 1 },
  // the command itself
  { what: 'an unknown command', args: ['bogus'], code: 2, names: 'bogus' },
  { what: 'an unknown top-level option', args: ['--bogus'], code: 2, names: '--bogus' },
];

const dirs = { repo: '', outside: '', badconfig: '' };

/** The inputs the table names, written into `dir`. */
function writeFixtures(dir: string, verdict: Record<string, unknown>): void {
  const put = (name: string, content: string | Buffer) => writeFileSync(join(dir, name), content);
  mkdirSync(join(dir, 'dir'), { recursive: true });
  put('empty.txt', '');
  put('garbage.bin', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256)));
  put('job.log', 'Run npm test\nnpm ERR! code ECONNRESET\n##[error]Process completed with exit code 1.\n');
  put('truncated.log.gz', gzipSync('Run npm test\nnpm ERR! code ECONNRESET\n'.repeat(200)).subarray(0, 40));
  put('huge-line.log', `Run build\n${'x'.repeat(2_000_000)} npm ERR! code ETIMEDOUT ${'y'.repeat(2_000_000)}\n##[error]Process completed with exit code 1.\n`);
  put('secret.log', `Run deploy\nexport GITHUB_TOKEN=${SECRET}\nerror: deploy failed for token ${SECRET}\n##[error]Process completed with exit code 1.\n`);
  put('aaaa.log', `Run x\n${'a'.repeat(5000)}!\n`);
  put('syntax.yml', 'version: 1\nclassify: [\n');
  put('version2.yml', 'version: 2\n');
  put('ok.yml', 'version: 1\n');
  put('secret-key.yml', `version: 1\n${SECRET}: 1\n`);
  put('secret-value.yml', `version: 1\nrecover:\n  mode: ${SECRET}\n`);
  put('bad-rule.yml', 'version: 1\nclassify:\n  rules:\n    - id: mine\n      category: testing\n      pattern: "(unclosed"\n');
  put('redos.yml', 'version: 1\nclassify:\n  rules:\n    - id: slow\n      category: testing\n      pattern: "(a+)+$"\n');
  put('secret.json', `{"token": "${SECRET}", `);
  put('bare-secret.txt', `${SECRET}\n`);
  put('object.json', '{"a": 1}');
  put('array.json', '[]');
  put('lcov.info', 'SF:a.txt\nDA:1,1\nend_of_record\n');
  put('bench.json', JSON.stringify({ benchmarks: [{ name: 'a', stats: { mean: 1, stddev: 0.1, rounds: 10 } }] }));
  put('settings.py', `GITHUB_TOKEN = "${SECRET}"\n`);
  put('null-run.json', '{"workflow_run": null}');
  put('secret-event.json', JSON.stringify({ workflow_run: SECRET }));
  put('verdict.json', JSON.stringify(verdict));
  put('category-42.json', JSON.stringify({ ...verdict, category: 42 }));
  put('category-constructor.json', JSON.stringify({ ...verdict, category: 'constructor' }));
  put('severity-bad.json', JSON.stringify({ ...verdict, severity: 'catastrophic' }));
  put('secret-verdict.json', JSON.stringify({ ...verdict, category: SECRET }));
}

function runCli(c: Case, index: number): Promise<Answer> {
  const start = Date.now();
  const timed = existsSync(TIME);
  const times = join(dirs.outside, `time-${index}.txt`);
  const argv = [process.execPath, BUNDLE, ...c.args];
  return new Promise((resolve) => {
    const child = spawn(timed ? TIME : (argv[0] as string), timed ? ['-f', '%U %S', '-o', times, ...argv] : argv.slice(1), {
      cwd: dirs[c.cwd ?? 'repo'],
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dirs.outside, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', LANG: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group: a hang is killed with the CLI under /usr/bin/time
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), HANG_MS);
    child.on('close', (code) => {
      clearTimeout(timer);
      const wall = Date.now() - start;
      const cpu = timed && existsSync(times) ? readFileSync(times, 'utf8').trim().split(/\s+/).slice(-2).map(Number) : [];
      const ms = cpu.length === 2 && cpu.every(Number.isFinite) && wall < HANG_MS ? Math.round(((cpu[0] ?? 0) + (cpu[1] ?? 0)) * 1000) : wall;
      resolve({ code, stdout, stderr, ms });
    });
  });
}

async function pool<T, R>(items: T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await work(items[i] as T, i);
    }
  };
  await Promise.all(Array.from({ length: size }, worker));
  return out;
}

/** What is wrong with one answer ('' when it is answered well). */
function problems(c: Case, a: Answer): string[] {
  const found: string[] = [];
  const lines = a.stderr.split('\n').filter((l) => l.trim() !== '');
  if (a.code !== c.code) found.push(`exit ${String(a.code)}, expected ${c.code}`);
  if (a.ms > LIMIT_MS) found.push(`took ${a.ms} ms`);
  if (a.code === null) found.push(`killed after ${HANG_MS} ms`);
  if (/\n\s+at |internal error|SyntaxError|TypeError|RangeError/.test(a.stderr)) found.push('a stack trace or an internal error');
  if (a.stdout.includes(SECRET) || a.stderr.includes(SECRET) || a.stdout.includes(SECRET.slice(8)) || a.stderr.includes(SECRET.slice(8)))
    found.push('the planted secret is printed');
  if (c.code === 2) {
    if (lines.length !== 1) found.push(`${lines.length} lines on stderr`);
    else if (c.names && !lines[0]?.includes(c.names)) found.push(`stderr does not name ${c.names}`);
  } else if (lines.length > 1) found.push(`${lines.length} lines on stderr`);
  return found;
}

const built = existsSync(BUNDLE);
(built ? describe : describe.skip)('bad inputs over every CLI command (built bundle)', () => {
  let answers: Answer[] = [];

  beforeAll(async () => {
    const repo = TempRepo.init();
    repo.write('a.txt', 'a\n').commit('one');
    repo.write('a.txt', 'b\n').commit('two');
    dirs.repo = repo.dir;
    dirs.outside = tempDir('cl-bad-outside-');
    const bad = TempRepo.init();
    bad.write('.github/closed-loop.yml', 'version: 1\nclassify: [\n').write('a.txt', 'a\n').commit('one');
    dirs.badconfig = bad.dir;
    const classified = spawnSync(process.execPath, [BUNDLE, 'classify', '--log', '-', '--json'], {
      input: 'Run npm test\nnpm ERR! code ECONNRESET\n##[error]Process completed with exit code 1.\n',
      encoding: 'utf8',
      cwd: dirs.outside,
    });
    const verdict = JSON.parse(classified.stdout) as Record<string, unknown>;
    for (const dir of Object.values(dirs)) writeFixtures(dir, verdict);
    answers = await pool(CASES, POOL, runCli);
  }, 120_000);
  afterAll(cleanupTempDirs);

  it(`covers every command with at least 60 bad inputs`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    const commands = new Set(CASES.map((c) => c.args[0]));
    for (const command of ['classify', 'config', 'discover', 'gate', 'hooks', 'notify', 'recover', 'replay', 'review-hash', 'scan'])
      expect(commands).toContain(command);
  });

  it('answers each with the documented exit code, one line naming the input, fast, and never the secret', () => {
    const bad = CASES.map((c, i) => ({ what: c.what, args: c.args.join(' '), found: problems(c, answers[i] as Answer), stderr: answers[i]?.stderr })).filter(
      (r) => r.found.length,
    );
    expect(bad).toEqual([]);
  });
});
