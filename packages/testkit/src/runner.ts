import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import yaml from 'js-yaml';

/**
 * Runs a bundled action (dist/<name>/index.js) the way the GitHub Actions runner does: inputs as
 * INPUT_* variables with action.yml defaults applied, the event payload in GITHUB_EVENT_PATH, outputs
 * and summary through the GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files. Used by the e2e tests and the demo.
 */
export interface RunActionOptions {
  /** Repository root holding actions/<name>/action.yml and dist/<name>/index.js. */
  root: string;
  name: string;
  inputs?: Record<string, string>;
  eventName: string;
  event: unknown;
  apiUrl: string;
  token: string;
  repository: string;
  /** Working directory of the step (GITHUB_WORKSPACE); a temp dir by default. */
  workspace?: string;
  env?: Record<string, string>;
}

export interface ActionRun {
  exitCode: number;
  outputs: Record<string, string>;
  summary: string;
  stdout: string;
  stderr: string;
  /** `::error::`/`::warning::`/`::notice::` workflow commands the step printed. */
  annotations: { level: string; message: string }[];
  durationMs: number;
}

export async function runBundledAction(options: RunActionOptions): Promise<ActionRun> {
  const temp = mkdtempSync(join(tmpdir(), `cl-run-${options.name}-`));
  try {
    const files = { event: join(temp, 'event.json'), output: join(temp, 'output'), summary: join(temp, 'summary.md'), env: join(temp, 'env') };
    writeFileSync(files.event, JSON.stringify(options.event));
    for (const f of [files.output, files.summary, files.env]) writeFileSync(f, '');
    const inputs = { ...actionDefaults(options), ...(options.inputs ?? {}) };
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? temp,
      CI: 'true',
      GITHUB_ACTIONS: 'true',
      GITHUB_API_URL: options.apiUrl,
      GITHUB_GRAPHQL_URL: `${options.apiUrl}/graphql`,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: options.repository,
      GITHUB_EVENT_NAME: options.eventName,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_ENV: files.env,
      GITHUB_WORKSPACE: options.workspace ?? temp,
      GITHUB_ACTION: options.name,
      GITHUB_RUN_ID: '1',
      GITHUB_RUN_ATTEMPT: '1',
      GITHUB_ACTOR: 'github-actions[bot]',
      RUNNER_TEMP: temp,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, '_').toUpperCase()}`, v])),
      ...(options.env ?? {}),
    };
    const started = Date.now();
    const { code, stdout, stderr } = await spawnNode(join(options.root, 'dist', options.name, 'index.js'), env, options.workspace ?? temp);
    return {
      exitCode: code,
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8'),
      stdout,
      stderr,
      annotations: [...stdout.matchAll(/^::(error|warning|notice)[^:]*::(.*)$/gm)].map((m) => ({ level: m[1] ?? '', message: m[2] ?? '' })),
      durationMs: Date.now() - started,
    };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** The runner fills omitted inputs from action.yml defaults; `${{ github.token }}` becomes the job token. */
function actionDefaults(options: RunActionOptions): Record<string, string> {
  const file = join(options.root, 'actions', options.name, 'action.yml');
  if (!existsSync(file)) return {};
  const meta = yaml.load(readFileSync(file, 'utf8')) as { inputs?: Record<string, { default?: string | number | boolean }> };
  return Object.fromEntries(
    Object.entries(meta.inputs ?? {}).map(([k, spec]) => {
      const value = spec.default === undefined ? '' : String(spec.default);
      return [k, value.replace(/\$\{\{\s*github\.token\s*\}\}/g, options.token).replace(/\$\{\{[^}]*\}\}/g, '')];
    }),
  );
}

/** GITHUB_OUTPUT lines: `name=value`, or `name<<DELIMITER` … `DELIMITER` for multi-line values. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] && heredoc[2]) {
      const end = lines.indexOf(heredoc[2], i + 1);
      out[heredoc[1]] = lines.slice(i + 1, end).join('\n');
      i = end;
    } else if (line.includes('=')) {
      out[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
    }
  }
  return out;
}

function spawnNode(script: string, env: Record<string, string>, cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}
