import { decide, type LogClassification } from './decide.js';
import { detectFormat, type LogFormat } from './log-line.js';
import { splitLines } from './line-splitter.js';
import type { RuleSet } from './rule-set.js';
import { LogScanner } from './scanner.js';

export interface ClassifyLogOptions {
  rules?: RuleSet;
  threshold?: number;
  /** Stop reading after this many bytes (the verdict says `truncated`). */
  maxBytes?: number;
}

export interface LogResult extends LogClassification {
  format: LogFormat;
  lines: number;
  bytes: number;
  truncated: boolean;
  /** Job name from a `gh run view --log` file. */
  job?: string;
}

type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export const DEFAULT_THRESHOLD = 0.5;

/** Streams one job's log through the scanner and decides what it says. */
export async function classifyLog(chunks: Chunks, options: ClassifyLogOptions = {}): Promise<LogResult> {
  const [result] = await scan(chunks, options, () => '');
  return result as LogResult;
}

/**
 * Like classifyLog, but a `gh run view --log` file holding several jobs gives one result per job (in
 * the order they appear); line numbers stay those of the file.
 */
export async function classifyLogs(chunks: Chunks, options: ClassifyLogOptions = {}): Promise<LogResult[]> {
  let format: LogFormat | undefined;
  return scan(chunks, options, (line) => {
    if (format === undefined && line.trim() !== '') format = detectFormat(line);
    return format === 'gh-run-view' ? line.slice(0, Math.max(0, line.indexOf('\t'))) : '';
  });
}

/** One scanner per key (a job, or '' for the whole file); each keeps bounded state. */
async function scan(chunks: Chunks, options: ClassifyLogOptions, keyOf: (line: string) => string): Promise<LogResult[]> {
  const scanners = new Map<string, LogScanner>();
  let n = 0;
  let key = '';
  const { bytes, truncated } = await splitLines(
    chunks,
    (line, continued) => {
      // A long line's later windows carry on its line number and job (the prefix is on the first only).
      if (!continued) {
        n++;
        key = keyOf(line);
      }
      let scanner = scanners.get(key);
      if (!scanner) {
        scanner = new LogScanner(options.rules ? { rules: options.rules } : {});
        scanners.set(key, scanner);
      }
      scanner.push(line, n);
    },
    options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {},
  );
  if (scanners.size === 0) scanners.set('', new LogScanner(options.rules ? { rules: options.rules } : {}));
  return [...scanners.values()].map((scanner) => {
    const result = scanner.finish();
    return {
      ...decide(result, { threshold: options.threshold ?? DEFAULT_THRESHOLD }),
      format: result.format,
      lines: result.lines,
      bytes,
      truncated,
      ...(result.job !== undefined ? { job: result.job } : {}),
    };
  });
}
