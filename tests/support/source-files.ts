import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(new URL('.', import.meta.url).pathname, '..', '..');

/** TypeScript sources under a folder (tests and declaration files excluded), as repo-relative paths. */
export function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      if (entry === 'node_modules' || entry === 'test') continue;
      const full = join(dir, entry);
      if (statSync(full).isDirectory()) walk(full);
      else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts') && !entry.endsWith('.test.ts')) out.push(relative(ROOT, full));
    }
  };
  walk(join(ROOT, folder));
  return out.sort();
}

export function read(path: string): string {
  return readFileSync(join(ROOT, path), 'utf8');
}

/** Module specifiers a file imports (static imports, re-exports and dynamic imports). */
export function importsOf(source: string): string[] {
  const specs = [
    ...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g),
    ...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g),
  ];
  return specs.map((m) => m[1] ?? '');
}

/**
 * Blanks out comments (and, with `strings`, the contents of string, template and regex literals) so
 * checks read code only: a rule example containing "process.env" or a comment naming a route is not a use.
 * A small lexer, good enough for our own sources; newlines are kept so positions stay meaningful.
 */
export function codeOnly(source: string, options: { strings?: boolean } = {}): string {
  let out = '';
  let i = 0;
  let lastSignificant = '';
  const blank = (text: string) => text.replace(/[^\n]/g, ' ');
  while (i < source.length) {
    const c = source[i] ?? '';
    const next = source[i + 1] ?? '';
    let end = -1;
    if (c === '/' && next === '/') end = source.indexOf('\n', i) === -1 ? source.length : source.indexOf('\n', i);
    else if (c === '/' && next === '*') end = source.indexOf('*/', i + 2) + 2;
    if (end > i) {
      out += blank(source.slice(i, end));
      i = end;
      continue;
    }
    const isRegex = c === '/' && (lastSignificant === '' || '(,=:[!&|?{};+-*%<>~^'.includes(lastSignificant));
    if (c === '"' || c === "'" || c === '`' || isRegex) {
      let j = i + 1;
      let inClass = false;
      while (j < source.length) {
        const d = source[j];
        if (d === '\\') j += 2;
        else if (isRegex && (d === '[' || d === ']')) {
          inClass = d === '[';
          j++;
        } else if (d === c && !inClass) break;
        else if (d === '\n' && c !== '`') break;
        else j++;
      }
      const literal = source.slice(i, j + 1);
      out += options.strings ? c + blank(literal.slice(1, -1)) + (literal.length > 1 ? literal.slice(-1) : '') : literal;
      i = j + 1;
      lastSignificant = 'x';
      continue;
    }
    if (!/\s/.test(c)) lastSignificant = c;
    out += c;
    i++;
  }
  return out;
}
