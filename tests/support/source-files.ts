import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export const ROOT = join(import.meta.dirname ?? new URL('.', import.meta.url).pathname, '..', '..');

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
  const specs = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g), ...source.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g), ...source.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)];
  return specs.map((m) => m[1] ?? '');
}
