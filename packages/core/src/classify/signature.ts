import { createHash } from 'node:crypto';

/**
 * Strips what changes between two occurrences of the same failure: times, durations, ids, hashes,
 * addresses, temp and workspace paths, numbers. What is left names the failure.
 */
export function normaliseErrorLine(line: string): string {
  return line
    .toLowerCase()
    .replace(/\d{4}-\d\d-\d\d[t ]\d\d:\d\d:\d\d(?:[.,]\d+)?z?/g, '<time>')
    .replace(/\b\d\d:\d\d:\d\d(?:\.\d+)?\b/g, '<time>')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<id>')
    .replace(/\b(?:sha\d*:)?[0-9a-f]{7,}\b/g, '<hash>')
    .replace(/\b0x[0-9a-f]+\b/g, '<addr>')
    .replace(/(?:\/tmp|\/var\/folders|\/private\/var)\/[^\s:'"]*/g, '<tmp>')
    .replace(/[a-z]:\\users\\[^\\]+\\appdata\\local\\temp\\[^\s:'"]*/g, '<tmp>')
    .replace(/(?:\/home\/runner\/work|\/home\/travis\/build|\/builds|\/github\/workspace|d:\\a)\/(?:[^/\s]+\/){0,2}/g, '')
    .replace(/\b\d+(?:\.\d+)?\s?(?:ms|s|sec|secs|seconds|m|min|minutes|h)\b/g, '<dur>')
    .replace(/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>')
    .replace(/\d+/g, '#')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `v1:<16 hex>` from what identifies the failure, not the run: category, job, step, first error line. */
export function failureSignature(parts: { category: string; job?: string; step?: string; errorLine: string }): string {
  const key = [parts.category, normaliseJob(parts.job ?? ''), normaliseErrorLine(parts.step ?? ''), normaliseErrorLine(parts.errorLine)].join('\n');
  return `v1:${createHash('sha256').update(key).digest('hex').slice(0, 16)}`;
}

/** Job names keep their matrix values (a failure on one OS is not the same as on another) but lose ids. */
function normaliseJob(job: string): string {
  return job.toLowerCase().replace(/\s+/g, ' ').trim();
}
