import { GlobList } from '../glob.js';

/** Which paths are scanned: vendored code, lock files and binaries are skipped by default. */

export const DEFAULT_EXCLUDE: readonly string[] = [
  '**/node_modules/**',
  '**/vendor/**',
  '**/third_party/**',
  '**/bower_components/**',
  '**/.yarn/**',
  '**/*.min.js',
  '**/*.min.css',
  '**/*.map',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/yarn.lock',
  '**/pnpm-lock.yaml',
  '**/bun.lockb',
  '**/Cargo.lock',
  '**/Gemfile.lock',
  '**/poetry.lock',
  '**/Pipfile.lock',
  '**/composer.lock',
  '**/go.sum',
  '**/*.lock',
  '**/.closed-loop/secrets-baseline.json',
];

/** Extensions of formats that are binary (scanned as text they only produce noise). */
export const BINARY_EXTENSIONS: ReadonlySet<string> = new Set(
  'png jpg jpeg gif bmp ico webp tiff psd pdf zip gz tgz bz2 xz 7z rar jar war ear class so dll exe dylib o a lib bin dat woff woff2 ttf otf eot mp3 mp4 wav ogg mov avi mkv webm pyc pyo wasm db sqlite sqlite3 p12 pfx keystore jks der'.split(
    ' ',
  ),
);

export const DEFAULT_FIXTURES: readonly string[] = ['**/fixtures/**', '**/__fixtures__/**', '**/testdata/**', '**/test-data/**'];

/** Globs of literal characters, `*`, `?` and `/` only: every path one matches contains each of its literal runs. */
const PLAIN_GLOB = /^[^\\[\]{}()!+@|]*$/;

/** A test every path some glob matches passes, when every glob is plain and has a literal run. */
function literalTest(globs: readonly string[]): RegExp | undefined {
  const runs = globs.map((g) => (PLAIN_GLOB.test(g) ? g.split(/[*?/]+/).reduce((a, b) => (b.length > a.length ? b : a), '') : ''));
  return runs.every(Boolean) ? new RegExp(runs.map((r) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')) : undefined;
}

/** By the globs, joined: a scanner is built per scan, and its globs are nearly always the same. */
const literalRuns = new Map<string, RegExp | undefined>();

/**
 * Paths matched by a list of globs (see glob.ts for the conventions shared by every list). Asked of
 * every scanned file: when each glob is plain (see PLAIN_GLOB) and has a literal run, a path containing
 * none of their longest runs (`node_modules`, `.min.js`, `.lock`) matches none, and the compiled globs,
 * whose `**` segments cost far more than a substring search, are not run.
 */
export class PathMatcher {
  private list: GlobList | undefined;
  private readonly literals: RegExp | undefined;
  constructor(private readonly globs: readonly string[]) {
    const key = globs.join('\0');
    if (!literalRuns.has(key) && literalRuns.size < 64) literalRuns.set(key, literalTest(globs));
    this.literals = literalRuns.has(key) ? literalRuns.get(key) : literalTest(globs);
    // Compiled when a path first passes the literal test (most commits touch no vendored or lock file,
    // and compiling the default exclusions cost the hook's start more than their test). Plain globs
    // always compile, so an unparsable one still throws here, at once.
    if (!this.literals) this.list = GlobList.of(globs);
  }
  matches(path: string): boolean {
    // No globs (`include` unless configured): asked of every file, and nothing to compile or test.
    if (this.globs.length === 0) return false;
    if (this.literals && !this.literals.test(path)) return false;
    return (this.list ??= GlobList.of(this.globs)).matches(path);
  }
}

export function hasBinaryExtension(path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/') && BINARY_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

/** Text of a file's bytes, or undefined when it is binary (a NUL in the first 8 KiB, as git decides). */
export function decodeText(bytes: Uint8Array): string | undefined {
  const head = bytes.subarray(0, 8000);
  if (head.includes(0)) return undefined;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** Lines of a text, 1-based, with `\r\n` and lone `\r` endings removed. */
export function textLines(text: string): { line: number; text: string }[] {
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts.map((t, i) => ({ line: i + 1, text: t.endsWith('\r') ? t.slice(0, -1) : t }));
}
