import { describe, expect, it } from '@jest/globals';
import { ChurnAccumulator } from '../../src/discover/churn.js';
import { estimateComplexity } from '../../src/discover/complexity.js';
import { hotspotCandidates, largeFileCandidates, testGapCandidates, type FileFacts } from '../../src/discover/files.js';
import { markerCandidates, parseBlamePorcelain, parseMarkerGrep } from '../../src/discover/markers.js';
import { isSourceFile, isTestFile, pathFilter, stem } from '../../src/discover/paths.js';
import { loadConfig } from '../../src/config/index.js';
import { discoverSettings } from '../../src/discover/settings.js';

const settings = discoverSettings(loadConfig(undefined));
const NOW = Date.UTC(2026, 0, 31);
const MARKERS = ['TODO', 'FIXME', 'HACK', 'XXX'];

describe('debt markers', () => {
  const grep = [
    'src/a.ts\x0012\x00  // TODO: handle the timeout',
    'src/a.ts\x0040\x00  /* FIXME(ana): race with the cache */',
    'docs/notes.md\x003\x00We keep a TODO list in the wiki.',
    'lib/x.py\x007\x00    x = 1  # HACK! monkeypatch',
    'dist/index.js\x001\x00// TODO: generated',
    'src/b.sh\x002\x00echo "TODOS are fine" # XXX',
  ].join('\n');

  it('keeps markers in comments, drops prose and excluded paths, and reads the text after the tag', () => {
    const hits = parseMarkerGrep(grep, MARKERS, pathFilter(settings.exclude));
    expect(hits).toEqual([
      { path: 'src/a.ts', line: 12, tag: 'TODO', text: 'handle the timeout' },
      { path: 'src/a.ts', line: 40, tag: 'FIXME', text: 'race with the cache' },
      { path: 'lib/x.py', line: 7, tag: 'HACK', text: 'monkeypatch' },
      { path: 'src/b.sh', line: 2, tag: 'XXX', text: 'echo "TODOS are fine" # XXX' },
    ]);
  });

  it('reads author times from blame porcelain, headers given once per commit', () => {
    const sha1 = 'a'.repeat(40);
    const sha2 = 'b'.repeat(40);
    const porcelain = [
      `${sha1} 3 12 1`,
      'author x',
      'author-time 1700000000',
      '\t// TODO',
      `${sha2} 9 40 1`,
      'author-time 1760000000',
      '\tfoo',
      `${sha1} 4 41 1`,
      '\tbar',
    ].join('\n');
    expect([...parseBlamePorcelain(porcelain)]).toEqual([
      [12, 1700000000],
      [40, 1760000000],
      [41, 1700000000],
    ]);
  });

  it('scores old FIXMEs as more critical and gives duplicate texts distinct, order-based ids', () => {
    const hits = [
      { path: 'a.ts', line: 1, tag: 'FIXME', text: 'fix auth check' },
      { path: 'a.ts', line: 9, tag: 'TODO', text: 'tidy' },
      { path: 'a.ts', line: 20, tag: 'TODO', text: 'tidy' },
    ];
    const times = new Map([['a.ts', new Map([[1, NOW / 1000 - 400 * 86400]])]]);
    const [fixme, tidy1, tidy2] = markerCandidates(hits, times, NOW);
    expect(fixme?.inputs).toMatchObject({ timeCriticality: 4, riskReduction: 5, debtMinutes: 30, security: 'low' });
    expect(fixme?.evidence.ageDays).toBe(400);
    expect(tidy1?.text).toBe('tidy');
    expect(tidy2?.text).toBe('tidy #2');
    expect(tidy1?.inputs.timeCriticality).toBe(1);
  });
});

describe('churn', () => {
  it('folds git log -z --name-only tokens into per-file commits, last time and test co-changes', () => {
    const acc = new ChurnAccumulator();
    const tokens = ['\x01aaa 100', '\nsrc/a.ts', 'src/a.test.ts', '\x01bbb 50', '\nsrc/a.ts', 'src/b.ts', '\x01ccc 10', '\x01ddd 5', '\nsrc/b.ts'];
    tokens.forEach((t) => acc.add(t));
    const files = acc.finish();
    expect(acc.commits).toBe(4);
    expect(files.get('src/a.ts')).toEqual({ commits: 2, lastTime: 100, withTests: 1 });
    expect(files.get('src/b.ts')).toEqual({ commits: 2, lastTime: 50, withTests: 0 });
  });
});

describe('complexity', () => {
  it('counts decision points weighted by nesting (hand-computed)', () => {
    const text = ['function f(a) {', '  if (a && b) {', '    for (;;) {', '      return 1;', '    }', '  }', '', '}', ''].join('\n');
    // if (nesting 0) 1 + && (boolean) 1 + for (nesting 1) 2 = 4; cyclomatic 1 + 3
    expect(estimateComplexity(text, 'a.js')).toEqual({
      family: 'c-like',
      lines: 8,
      code: 7,
      decisions: 3,
      functions: 1,
      worst: { name: 'f', line: 1, cyclomatic: 4, weighted: 4, nesting: 1 },
      score: 4,
    });
  });
});

describe('paths', () => {
  it('tells tests from sources and finds what a test is named after', () => {
    expect(['src/a.test.ts', 'test/x.ts', 'pkg/foo_test.go', 'tests/test_bar.py', 'src/__tests__/y.js'].every(isTestFile)).toBe(true);
    expect(isSourceFile('src/a.ts')).toBe(true);
    expect(isSourceFile('src/a.d.ts')).toBe(false);
    expect(isSourceFile('README.md')).toBe(false);
    expect([stem('src/a/foo.ts'), stem('test/foo.test.ts'), stem('tests/test_foo.py'), stem('x/foo_test.go')]).toEqual(['foo', 'foo', 'foo', 'foo']);
    const keep = pathFilter(['dist/**', '*.min.js']);
    expect([keep('dist/a.js'), keep('web/app.min.js'), keep('src/dist.ts')]).toEqual([false, false, true]);
  });
});

describe('file harvesters', () => {
  const cx = (score: number, code = 100, lines = code) => ({ lines, code, decisions: score, functions: 1, score });
  const recent = NOW / 1000 - 86400;
  const files: FileFacts[] = [
    { path: 'src/hot.ts', bytes: 1, complexity: cx(40), churn: { commits: 10, lastTime: recent, withTests: 2 } },
    { path: 'src/warm.ts', bytes: 1, complexity: cx(20), churn: { commits: 10, lastTime: recent, withTests: 0 } },
    { path: 'src/cold.ts', bytes: 1, complexity: cx(90), churn: { commits: 1, lastTime: recent, withTests: 0 } },
    { path: 'src/big.ts', bytes: 1, complexity: cx(1, 1500, 2500), churn: { commits: 6, lastTime: recent, withTests: 0 } },
    { path: 'test/big.test.ts', bytes: 1, complexity: cx(1) },
    { path: 'docs/a.md', bytes: 1, complexity: cx(0, 10, 5000), churn: { commits: 50, lastTime: recent, withTests: 0 } },
  ];

  it('ranks hotspots by churn × complexity relative to the worst one', () => {
    const hot = hotspotCandidates(files, settings, NOW);
    expect(hot.map((h) => [h.path, h.evidence.hotspot, h.inputs.riskReduction])).toEqual([
      ['src/hot.ts', 400, 10],
      ['src/warm.ts', 200, 6], // round(9 × 200/400) + 1 = 5.5 → 6
      ['src/big.ts', 6, 1],
    ]);
    expect(hot[0]?.inputs).toMatchObject({ debtMinutes: 40, timeCriticality: 5, jobSize: 3 });
  });

  it('reports test gaps only for often-changed sources no test touches or is named after', () => {
    expect(testGapCandidates(files, settings, NOW).map((c) => c.path)).toEqual(['src/warm.ts']);
  });

  it('reports files over the line limit', () => {
    const large = largeFileCandidates(files, settings);
    expect(large.map((c) => [c.path, c.evidence.lines, c.inputs.debtMinutes])).toEqual([
      ['src/big.ts', 2500, 225], // (2500 - 1000) / 100 × 15; docs/a.md is not code
    ]);
  });
});
