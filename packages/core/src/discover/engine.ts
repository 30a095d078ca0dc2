import { breakerBoard, type BoardResets } from '../recover/breaker-board.js';
import type { BreakerSettings } from '../recover/settings.js';
import { ciHealthCandidates, type LoopIssue, type RunSummary } from './ci-health.js';
import { dependencyCandidates, type Outdated, type Vulnerability } from './dependencies.js';
import { hotspotCandidates, largeFileCandidates, testGapCandidates, testGapNote, type FileFacts } from './files.js';
import type { LeftOut } from './leave-out.js';
import { loopHealth } from './loop-health.js';
import { markerCandidates, type MarkerHit } from './markers.js';
import { buildMetrics, type ValueMetrics } from './model.js';
import type { Candidate, DiscoverSettings, SignalStatus } from './types.js';
import { pushAll } from '../iterate.js';

/** Everything the harvesters collected; an absent source is a skipped signal with its reason. */
export interface Harvest {
  sha: string;
  repository?: string;
  markers?: { hits: MarkerHit[]; authorTimes: ReadonlyMap<string, ReadonlyMap<number, number>> };
  files?: FileFacts[];
  dependencies?: { vulnerabilities: Vulnerability[]; outdated: Outdated[]; manifest?: string };
  /** `resets`: maintainers' breaker resets read from the failure issues (flows/breaker-reset's findBoardResets). */
  ci?: { runs: RunSummary[]; issues: LoopIssue[]; resets?: BoardResets };
  /** Why a source is missing, e.g. "offline: no GitHub API". */
  skipped?: Partial<Record<SignalStatus['signal'], string>>;
  /** Files no signal looked at (generated, vendored…), by reason. */
  leftOut?: LeftOut[];
  /** Caveats of a source that did run, e.g. "ages not computed". */
  notes?: Partial<Record<SignalStatus['signal'], string>>;
}

/** Harvest in, ranked and explained backlog out. */
/** `breaker`: recover's breaker settings; with CI data, the dashboard shows every breaker that is not closed. */
export function discover(harvest: Harvest, settings: DiscoverSettings, now: number, breaker?: BreakerSettings): ValueMetrics {
  const candidates: Candidate[] = [];
  const signals: SignalStatus[] = [];
  const add = (signal: SignalStatus['signal'], available: boolean, make: () => Candidate[], explain?: () => string): void => {
    if (available) {
      pushAll(candidates, make());
      const note = [harvest.notes?.[signal], explain?.()].filter(Boolean).join('; ');
      signals.push({ signal, status: 'ok', ...(note ? { note } : {}) });
    } else signals.push({ signal, status: 'skipped', note: harvest.skipped?.[signal] ?? 'no data' });
  };
  const { markers, files, dependencies, ci } = harvest;
  add('debt-markers', !!markers, () => markerCandidates(markers?.hits ?? [], markers?.authorTimes ?? new Map(), now));
  add('hotspots', !!files, () => hotspotCandidates(files ?? [], settings, now));
  add(
    'test-gaps',
    !!files,
    () => testGapCandidates(files ?? [], settings, now),
    () => testGapNote(files ?? [], settings),
  );
  add('large-files', !!files, () => largeFileCandidates(files ?? [], settings));
  add('dependencies', !!dependencies, () => dependencyCandidates(dependencies?.vulnerabilities ?? [], dependencies?.outdated ?? [], dependencies?.manifest));
  add('ci-health', !!ci, () => ciHealthCandidates(ci?.runs ?? [], ci?.issues ?? [], settings.failure_rate_threshold, settings.override_labels, now));
  signals.push(
    ci
      ? { signal: 'loop-health', status: 'ok' }
      : { signal: 'loop-health', status: 'skipped', note: harvest.skipped?.['loop-health'] ?? harvest.skipped?.['ci-health'] ?? 'no data' },
  );
  return buildMetrics({
    candidates,
    weights: settings.scoring_weights,
    sha: harvest.sha,
    ...(harvest.repository ? { repository: harvest.repository } : {}),
    now,
    signals,
    loopHealth: ci ? loopHealth(ci.runs, ci.issues, settings.override_labels, now, settings.kpis) : null,
    ...(ci && breaker ? { breakers: breakerBoard(ci.runs, now, breaker, ci.resets) } : {}),
    ...(harvest.leftOut ? { leftOut: harvest.leftOut } : {}),
  });
}
