import { ConfigurationError } from '../errors.js';
import type { Finding } from './types.js';

export const BASELINE_PATH = '.closed-loop/secrets-baseline.json';

/** One accepted finding. The secret itself is never stored: only its fingerprint. */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  file: string;
  /** Why it is accepted (edit the file to say so; `--update-baseline` keeps existing reasons). */
  reason: string;
  addedAt: string;
}

export interface Baseline {
  version: 1;
  entries: BaselineEntry[];
  /** Top-level keys of the file that are not ours (a team's notes, a tool's metadata): kept on rewrite. */
  extra?: Record<string, unknown>;
}

export function emptyBaseline(): Baseline {
  return { version: 1, entries: [] };
}

export function parseBaseline(text: string, filename = BASELINE_PATH): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(
      `${filename}: not valid JSON (${(error as Error).message}); fix it by hand, or delete it and run \`closed-loop scan --update-baseline\` to write a new one.`,
    );
  }
  const entries = (data as { entries?: unknown }).entries;
  if ((data as { version?: unknown }).version !== 1 || !Array.isArray(entries)) {
    throw new ConfigurationError(
      `${filename}: expected {"version": 1, "entries": [...]}; fix it by hand, or delete it and run \`closed-loop scan --update-baseline\` to write a new one.`,
    );
  }
  entries.forEach((e: Partial<BaselineEntry>, i) => {
    if (typeof e.fingerprint !== 'string' || typeof e.file !== 'string' || typeof e.ruleId !== 'string') {
      throw new ConfigurationError(`${filename}: entry ${i} needs string "fingerprint", "ruleId" and "file".`);
    }
  });
  const { version: _version, entries: _entries, ...extra } = data as Record<string, unknown>;
  return {
    version: 1,
    entries: (entries as Partial<BaselineEntry>[]).map((e) => ({ ...(e as BaselineEntry), reason: e.reason ?? '', addedAt: e.addedAt ?? '' })),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}

export function serializeBaseline(baseline: Baseline): string {
  const entries = [...baseline.entries].sort((a, b) => a.file.localeCompare(b.file) || a.fingerprint.localeCompare(b.fingerprint));
  return `${JSON.stringify({ ...baseline.extra, version: 1, entries }, null, 2)}\n`;
}

export interface BaselineResult {
  /** Findings with baseline matches marked `suppressed: {kind: 'baseline'}`. */
  findings: Finding[];
  /** Entries whose secret is no longer there (only judged for files scanned in full). */
  stale: BaselineEntry[];
}

/**
 * Marks findings the baseline accepts. An entry is stale when its file was scanned whole (or is gone)
 * and its fingerprint was not found: the secret was removed, so the entry should go too.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  judged: { fullyScanned: ReadonlySet<string>; missing?: ReadonlySet<string> },
): BaselineResult {
  const byFingerprint = new Map(baseline.entries.map((e) => [e.fingerprint, e]));
  const seen = new Set<string>();
  const out = findings.map((f) => {
    const entry = byFingerprint.get(f.fingerprint);
    if (!entry || f.suppressed) return f;
    seen.add(entry.fingerprint);
    return { ...f, suppressed: { kind: 'baseline' as const, reason: entry.reason || 'accepted in the baseline' } };
  });
  for (const f of findings) if (byFingerprint.has(f.fingerprint)) seen.add(f.fingerprint);
  const stale = baseline.entries.filter((e) => !seen.has(e.fingerprint) && (judged.fullyScanned.has(e.file) || judged.missing?.has(e.file)));
  return { findings: out, stale };
}

/**
 * The baseline after `--update-baseline`: every current unsuppressed-by-pragma finding accepted,
 * existing reasons kept, stale entries dropped.
 */
export function updatedBaseline(previous: Baseline, findings: readonly Finding[], stale: readonly BaselineEntry[], now: Date): Baseline {
  const staleSet = new Set(stale.map((e) => e.fingerprint));
  const keep = new Map(previous.entries.filter((e) => !staleSet.has(e.fingerprint)).map((e) => [e.fingerprint, e]));
  for (const f of findings) {
    if (f.suppressed?.kind === 'pragma' || keep.has(f.fingerprint)) continue;
    keep.set(f.fingerprint, { fingerprint: f.fingerprint, ruleId: f.ruleId, file: f.file, reason: '', addedAt: now.toISOString() });
  }
  return { version: 1, entries: [...keep.values()], ...(previous.extra ? { extra: previous.extra } : {}) };
}
