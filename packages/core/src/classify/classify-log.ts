import { decide, type LogClassification } from './decide.js';
import type { LogFormat } from './log-line.js';
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

export const DEFAULT_THRESHOLD = 0.5;

/** Streams one job's log through the scanner and decides what it says. */
export async function classifyLog(
  chunks: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ClassifyLogOptions = {},
): Promise<LogResult> {
  const scanner = new LogScanner(options.rules ? { rules: options.rules } : {});
  const { bytes, truncated } = await splitLines(
    chunks,
    (line) => {
      scanner.push(line);
    },
    options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {},
  );
  const scan = scanner.finish();
  return {
    ...decide(scan, { threshold: options.threshold ?? DEFAULT_THRESHOLD }),
    format: scan.format,
    lines: scan.lines,
    bytes,
    truncated,
    ...(scan.job !== undefined ? { job: scan.job } : {}),
  };
}
