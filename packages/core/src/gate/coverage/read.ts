import { ConfigurationError } from '../../errors.js';
import { readGoCover } from './go-cover.js';
import { readIstanbulFinal, readIstanbulSummary } from './istanbul.js';
import { readLcov } from './lcov.js';
import type { Coverage } from './types.js';
import { readClover, readCobertura, readJacoco } from './xml-formats.js';

const FORMATS = 'lcov, Cobertura XML, Clover XML, JaCoCo XML, istanbul coverage-final.json / coverage-summary.json or a Go cover profile';

/** What the content looks like, from its first bytes and root element; undefined when none fits. */
export function detectCoverageFormat(text: string): Coverage['format'] | undefined {
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '');
  const start = head.trimStart();
  if (/^mode: (set|count|atomic)\b/.test(start)) return 'go-cover';
  if (start.startsWith('{')) {
    if (/"total"\s*:\s*\{\s*"lines"/.test(head)) return 'istanbul-summary';
    return 'istanbul-final';
  }
  if (start.startsWith('<')) {
    // The root element decides: <report> (JaCoCo), <coverage> with <project> (Clover) or <packages>/<sources> (Cobertura).
    if (/<report[\s>]/.test(head) || /jacoco/i.test(head.slice(0, 300))) return 'jacoco';
    if (/<coverage[^>]*\bgenerated=/.test(head) || /<project[\s>]/.test(head)) return 'clover';
    if (/<coverage[\s>]/.test(head)) return 'cobertura';
    return undefined;
  }
  if (/^(TN:|SF:)/m.test(head)) return 'lcov';
  return undefined;
}

/** Reads a coverage report of any supported format; the error names the file and what it could not read. */
export function readCoverage(text: string, name: string): Coverage {
  const format = detectCoverageFormat(text);
  switch (format) {
    case 'lcov':
      return readLcov(text, name);
    case 'go-cover':
      return readGoCover(text, name);
    case 'cobertura':
      return readCobertura(text, name);
    case 'clover':
      return readClover(text, name);
    case 'jacoco':
      return readJacoco(text, name);
    case 'istanbul-final':
    case 'istanbul-summary': {
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch (error) {
        throw new ConfigurationError(`${name}: not valid JSON (${(error as Error).message}); cannot read it as istanbul coverage.`);
      }
      if (!data || typeof data !== 'object' || Array.isArray(data)) throw new ConfigurationError(`${name}: expected a JSON object of files; not istanbul coverage.`);
      return format === 'istanbul-summary' ? readIstanbulSummary(data as never, name) : readIstanbulFinal(data as never, name);
    }
    default:
      throw new ConfigurationError(`${name}: unknown coverage format; expected ${FORMATS}.`);
  }
}
