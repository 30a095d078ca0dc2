import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import {
  asUserError,
  buildVerdict,
  classifyLogs,
  classifyConfigOf,
  ConfigurationError,
  CONFIG_PATH,
  redactVerdict,
  Redactor,
  ruleSetFor,
  type ClassifyConfig,
  type JobInput,
  type Verdict,
} from '@closed-loop/core';
import { printable } from '../printable.js';
import { EXIT, jsonText, type CliIO, type CommandBody } from '../command.js';
import { openUserFile } from '../files.js';
import { loadConfigOption } from '../load-config.js';

/** Gzip or plain, decided by the first two bytes, so `-` works for both too. */
async function* maybeGunzip(source: AsyncIterable<Buffer | string>): AsyncIterable<Buffer> {
  const it = source[Symbol.asyncIterator]();
  const first = await it.next();
  if (first.done) return;
  const head = Buffer.from(first.value);
  const rest = (async function* () {
    yield head;
    for (let next = await it.next(); !next.done; next = await it.next()) yield Buffer.from(next.value);
  })();
  if (head[0] === 0x1f && head[1] === 0x8b) yield* Readable.from(rest).pipe(createGunzip()) as AsyncIterable<Buffer>;
  else yield* rest;
}

async function openLog(io: CliIO, file: string): Promise<AsyncIterable<Buffer | string>> {
  if (file === '-') {
    if (!io.stdin) throw new ConfigurationError('--log -: no standard input to read.');
    return io.stdin as AsyncIterable<Buffer | string>;
  }
  return openUserFile(io, file, '--log');
}

async function readSection(io: CliIO, file: string | undefined): Promise<ClassifyConfig> {
  return classifyConfigOf((await loadConfigOption(io, file)).classify);
}

function asText(v: Verdict): string {
  const out: string[] = [];
  for (const j of v.jobs) {
    out.push(
      `${j.jobName}: ${j.category}/${j.subcategory}  confidence ${j.confidence}  ${j.transient ? 'transient' : 'not transient'}  ${j.severity} (priority ${j.priority})  ${j.signature}`,
    );
    if (j.stepName) out.push(`  step: ${j.stepName}`);
    if (j.ruleId) out.push(`  rule: ${j.ruleId}`);
    if (j.reason) out.push(`  ${j.reason}`);
    j.evidence.lines.forEach((line, i) => out.push(`  ${String(j.evidence.startLine + i).padStart(7)} | ${line}`));
  }
  if (v.jobs.length > 1) {
    // Overall transient means a plain re-run fixes every job: name the jobs that keep it from being so.
    const blocking = v.jobs.filter((j) => !j.transient).map((j) => j.jobName);
    const why = !v.transient && blocking.length < v.jobs.length ? ` (a re-run would not fix ${blocking.join(', ')})` : '';
    out.push(`overall: ${v.category}/${v.subcategory}  ${v.transient ? 'transient' : `not transient${why}`}  ${v.severity}  ${v.signature}`);
  }
  // Job and step names come from the log too.
  return `${out.map(printable).join('\n')}\n`;
}

export const classifyCommand: CommandBody = {
  usage: '--log FILE [--log FILE …] [--config FILE] [--json]',
  options: {
    log: {
      type: 'string',
      multiple: true,
      valueName: 'FILE',
      description: 'A job log: raw GitHub log, `gh run view --log` output or plain text, gzipped or not; `-` reads standard input.',
    },
    config: { type: 'string', valueName: 'FILE', description: `Configuration file with classify: rules (default ${CONFIG_PATH} when present).` },
    json: { type: 'boolean', description: 'Print the verdict as JSON: the same fields as the action output `result`.' },
  },
  details: 'Each log is one job.',
  async run({ values }, io) {
    const logs = (values.log as string[] | undefined) ?? [];
    if (logs.length === 0)
      throw new ConfigurationError('classify needs at least one --log FILE (use - for standard input). See `closed-loop classify --help`.');
    const section = await readSection(io, typeof values.config === 'string' ? values.config : undefined);
    const rules = ruleSetFor(section, typeof values.config === 'string' ? values.config : CONFIG_PATH);
    const jobs: JobInput[] = [];
    for (const file of logs) {
      // A `gh run view --log` file can hold several jobs: one verdict each.
      const results = await classifyLogs(maybeGunzip(await openLog(io, file)), {
        rules,
        threshold: section.confidence_threshold,
        maxBytes: section.max_log_bytes,
      }).catch((error: unknown) => {
        // A truncated .gz surfaces from inside the stream: the line names the file it came from.
        const user = asUserError(error);
        throw user ? new ConfigurationError(`--log ${file}: ${user.message}`) : error;
      });
      for (const result of results) jobs.push({ jobId: jobs.length + 1, jobName: result.job ?? (file === '-' ? 'stdin' : basename(file)), log: result });
    }
    const verdict = buildVerdict({
      run: {
        id: 0,
        attempt: 1,
        workflowName: '',
        workflowPath: '',
        event: 'local',
        headSha: '',
        headBranch: null,
        htmlUrl: '',
        repository: '',
        conclusion: 'failure',
        pullRequests: [],
        fork: false,
      },
      jobs,
      history: { windowHours: section.history_window_hours, runs: 0, failures: 0, failureRate: 0, consecutiveFailures: 0, complete: false },
      flaky: false,
    });
    const safe = redactVerdict(verdict, new Redactor());
    io.stdout(values.json ? jsonText(safe) : asText(safe));
    return EXIT.ok;
  },
};
