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

/** `**` crosses folders, `*` and `?` do not; a pattern without `/` matches the base name anywhere. */
export function globToRegExp(glob: string): RegExp {
  const pattern = glob.includes('/') ? glob.replace(/^\.?\//, '') : `**/${glob}`;
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i] as string;
    if (ch === '*' && pattern[i + 1] === '*') {
      const slash = pattern[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else out += /[.+^${}()|[\]\\]/.test(ch) ? `\\${ch}` : ch;
  }
  return new RegExp(`^${out}$`);
}

const ANY_FOLDER = '^(?:.*\\/)?';

/**
 * One expression matching what any of the given ones matches. Those starting in any folder (`**\/…`)
 * share that prefix, so the engine tries it once rather than once per glob.
 */
function combine(sources: readonly string[]): RegExp {
  const anywhere = sources.filter((s) => s.startsWith(ANY_FOLDER) && s.endsWith('$'));
  const others = sources.filter((s) => !anywhere.includes(s));
  const parts = others.map((s) => `(?:${s})`);
  if (anywhere.length) parts.push(`(?:${ANY_FOLDER}(?:${anywhere.map((s) => `(?:${s.slice(ANY_FOLDER.length, -1)})`).join('|')})$)`);
  return new RegExp(parts.join('|'));
}

/** Compiled matchers by glob list: a scanner is built per scan, its globs are nearly always the same. */
const compiled = new Map<string, RegExp | undefined>();

export class PathMatcher {
  /** One alternation of every glob's expression (each anchored); undefined when there are none. */
  private readonly pattern: RegExp | undefined;
  constructor(globs: readonly string[]) {
    const key = globs.join('\0');
    if (compiled.has(key)) this.pattern = compiled.get(key);
    else {
      this.pattern = globs.length ? combine(globs.map((g) => globToRegExp(g).source)) : undefined;
      if (compiled.size < 64) compiled.set(key, this.pattern);
    }
  }
  matches(path: string): boolean {
    return this.pattern !== undefined && this.pattern.test(path);
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
