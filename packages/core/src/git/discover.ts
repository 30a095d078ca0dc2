import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ChurnAccumulator, CHURN_FORMAT, type FileChurn } from '../discover/churn.js';
import { estimateComplexity } from '../discover/complexity.js';
import type { Harvest } from '../discover/engine.js';
import type { FileFacts } from '../discover/files.js';
import {
  GENERATED_HEADER_GREP,
  leaveOutByContent,
  leaveOutByPath,
  parseCheckAttr,
  parseHeaderGrep,
  type AttributeState,
  type LeaveOutLedger,
  type LeaveOutSettings,
} from '../discover/leave-out.js';
import { parseBlamePorcelain, parseMarkerGrep, type MarkerHit } from '../discover/markers.js';
import { isCodeFile } from '../discover/paths.js';
import type { DiscoverSettings } from '../discover/types.js';
import { decodeText } from '../scan/paths.js';
import type { Git } from './git.js';

/** Debt markers in tracked files of the working tree (whole words, case-sensitive, text files only). */
export async function grepMarkers(git: Git, markers: readonly string[], keep: (path: string) => boolean): Promise<MarkerHit[]> {
  if (!markers.length) return [];
  const pattern = markers.map((m) => m.replace(/[-]/g, '\\-')).join('|');
  const result = await git.run(['grep', '--no-color', '-n', '-z', '-I', '-w', '-E', '--full-name', '-e', pattern, '--'], { okExitCodes: [1] });
  return parseMarkerGrep(result.stdout.toString('utf8'), markers, keep);
}

/**
 * Author times of the marker lines from `git blame`, when cheap: blame costs a history walk per file,
 * so above `maxFiles` files the ages are skipped (and said so).
 */
export async function blameTimes(
  git: Git,
  hits: readonly MarkerHit[],
  maxFiles: number,
): Promise<{ times: Map<string, Map<number, number>>; skipped?: string }> {
  const byPath = new Map<string, number[]>();
  for (const h of hits) byPath.set(h.path, [...(byPath.get(h.path) ?? []), h.line]);
  const times = new Map<string, Map<number, number>>();
  if (byPath.size > maxFiles) return { times, skipped: `${byPath.size} files hold markers (blame_max_files ${maxFiles}): ages not computed` };
  await mapLimit([...byPath], 2, async ([path, lines]) => {
    const ranges = lines.flatMap((n) => ['-L', `${n},${n}`]);
    const result = await git.run(['blame', '--porcelain', ...ranges, '--', path], { okExitCodes: [128] });
    if (result.exitCode === 0) times.set(path, parseBlamePorcelain(result.stdout.toString('utf8')));
  });
  return { times };
}

export interface HistoryOptions {
  /** 0: the whole history. */
  sinceDays: number;
  maxCommits: number;
  now: number;
  /** Called every `progressEvery` commits with the count so far. */
  onProgress?: (commits: number) => void;
  progressEvery?: number;
  /** The commit to walk from (default: HEAD, resolved here). */
  head?: string;
}

/** Streams `git log --name-only --no-renames` into per-file churn; never holds the log in memory. */
export async function walkHistory(git: Git, options: HistoryOptions): Promise<{ churn: Map<string, FileChurn>; commits: number }> {
  const acc = new ChurnAccumulator();
  const head = options.head ?? (await git.tryResolve('HEAD'));
  if (!head) return { churn: acc.finish(), commits: 0 };
  const since = options.sinceDays > 0 ? [`--since=@${Math.floor(options.now / 1000) - options.sinceDays * 86_400}`] : [];
  const every = options.progressEvery ?? 1000;
  const args = [
    '-c',
    'core.quotePath=false',
    'log',
    '--no-renames',
    '--name-only',
    '-z',
    `--format=${CHURN_FORMAT}`,
    `--max-count=${options.maxCommits}`,
    ...since,
    '--end-of-options',
    head,
    '--',
  ];
  for await (const token of git.stream(args, '\0')) {
    const before = acc.commits;
    acc.add(token);
    if (options.onProgress && acc.commits !== before && acc.commits % every === 0) options.onProgress(acc.commits);
  }
  return { churn: acc.finish(), commits: acc.commits };
}

/** Blobs at `head` (default HEAD) with their sizes (`ls-tree -r --long -z`); submodules and symlinks are skipped. */
export async function trackedFiles(git: Git, head?: string): Promise<{ path: string; bytes: number }[]> {
  const at = head ?? (await git.tryResolve('HEAD'));
  if (!at) return [];
  const out: { path: string; bytes: number }[] = [];
  for (const entry of await git.fields(['ls-tree', '-r', '--long', '-z', '--end-of-options', at])) {
    const m = /^(\d+) blob [0-9a-f]+ +(\d+)\t([\s\S]*)$/.exec(entry);
    if (m && m[1] !== '120000') out.push({ path: m[3] as string, bytes: Number(m[2]) });
  }
  return out;
}

/** Files larger than this are not read for complexity (generated or data files, not code). */
export const MAX_READ_BYTES = 1024 * 1024;

/**
 * gitattributes of `paths` as git resolves them (`git check-attr --stdin -z`: every .gitattributes
 * level, macros and `-attr` included), for the attributes asked.
 */
export async function checkAttributes(git: Git, paths: readonly string[], attributes: readonly string[]): Promise<Map<string, Map<string, AttributeState>>> {
  if (!paths.length || !attributes.length) return new Map();
  const result = await git.run(['check-attr', '--stdin', '-z', ...attributes], { input: `${paths.join('\0')}\0` });
  return parseCheckAttr(result.stdout.toString('utf8'));
}

/** Files whose first lines carry a generated-code header, found by one `git grep` over the tree. */
export async function grepGeneratedHeaders(git: Git): Promise<Map<string, string>> {
  const args = ['grep', '--no-color', '-n', '-z', '-I', '-E', '--full-name', ...GENERATED_HEADER_GREP.flatMap((p) => ['-e', p]), '--'];
  const result = await git.run(args, { okExitCodes: [1] });
  return parseHeaderGrep(result.stdout.toString('utf8'));
}

export interface FactsOptions {
  /** Files a harvester could report; only these are tokenized (the slow part on big trees). */
  wanted?: (fact: FileFacts) => boolean;
  /** Records files whose contents say a tool wrote them (headers, minified lines). */
  ledger?: LeaveOutLedger;
  leaveOut?: LeaveOutSettings;
}

/**
 * Complexity of the working-tree files, joined with their churn. Only the `wanted` ones are read;
 * one whose contents say a tool wrote it (a header git grep missed, minified lines) is left out.
 */
export function fileFacts(
  root: string,
  files: readonly { path: string; bytes: number }[],
  churn: ReadonlyMap<string, FileChurn>,
  options: FactsOptions = {},
): FileFacts[] {
  const { wanted = () => true, ledger, leaveOut } = options;
  const facts: FileFacts[] = files.map((f) => {
    const c = churn.get(f.path);
    return { ...f, ...(c ? { churn: c } : {}) };
  });
  // Synchronous reads: the history walk is over by now, and thousands of small reads cost far less
  // without a promise and a file handle each.
  for (const f of facts) {
    if (f.bytes > MAX_READ_BYTES || !wanted(f)) continue;
    let buf: Buffer | undefined;
    try {
      buf = readFileSync(join(root, f.path));
    } catch {
      continue;
    }
    const text = decodeText(buf);
    if (text === undefined) continue;
    if (ledger && leaveOut && leaveOutByContent(ledger, f.path, text, leaveOut)) continue;
    f.complexity = estimateComplexity(text, f.path);
    if (/\.rs$/.test(f.path) && INLINE_RUST_TESTS.test(text)) f.inlineTests = true;
  }
  return ledger ? facts.filter((f) => !ledger.has(f.path)) : facts;
}

/** Rust unit tests live beside the code (`#[cfg(test)] mod tests`), so such a file has tests. */
const INLINE_RUST_TESTS = /#\[cfg\(test\)\]/;

export interface LocalHarvestOptions {
  now: number;
  onProgress?: (commits: number) => void;
}

/** The signals a clone alone can give: markers, history churn, file facts. No network. */
export async function harvestLocal(git: Git, settings: DiscoverSettings, options: LocalHarvestOptions): Promise<Harvest & { commits: number }> {
  // Resolved once, so the log and the file list describe the commit the harvest reports.
  const head = await git.tryResolve('HEAD');
  const sha = head ?? '0'.repeat(40);
  const [hits, history, tracked, headers] = await Promise.all([
    grepMarkers(git, settings.markers, () => true),
    walkHistory(git, {
      sinceDays: settings.history_days,
      maxCommits: settings.max_commits,
      now: options.now,
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(head ? { head } : {}),
    }),
    trackedFiles(git, head),
    settings.leave_out.generated_headers ? grepGeneratedHeaders(git) : new Map<string, string>(),
  ]);
  // What nobody edits: by attributes and paths first, then (while reading) by headers.
  const paths = tracked.map((f) => f.path);
  const attributes = await checkAttributes(git, paths, settings.leave_out.attributes);
  const ledger = leaveOutByPath(paths, attributes, settings.leave_out, settings.exclude, headers);
  const minCommits = Math.min(settings.hotspot_min_commits, settings.test_gap_min_commits);
  const files = fileFacts(
    git.cwd,
    tracked.filter((f) => !ledger.has(f.path)),
    history.churn,
    {
      // Hotspots and test gaps need churn; a large file has at least one byte per line.
      wanted: (f) => isCodeFile(f.path) && ((f.churn?.commits ?? 0) >= minCommits || f.bytes > settings.large_file_lines),
      ledger,
      leaveOut: settings.leave_out,
    },
  );
  const kept = hits.filter((h) => !ledger.has(h.path));
  const blame = await blameTimes(git, kept, settings.blame_max_files);
  const notes: Harvest['notes'] = {};
  if (blame.skipped) notes['debt-markers'] = blame.skipped;
  // A depth-1 checkout has one commit of history: churn-based signals would be silently empty.
  if (history.commits > 0 && (await git.isShallow()))
    notes.hotspots = notes['test-gaps'] = 'shallow clone: churn covers only the fetched commits (check out with fetch-depth: 0)';
  return { sha, markers: { hits: kept, authorTimes: blame.times }, files, commits: history.commits, notes, leftOut: ledger.summary() };
}

async function mapLimit<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await fn(items[next++] as T);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
