import { describe, expect, it } from '@jest/globals';
import { PLANTED_SECRETS, PLANTED_SECRET_STRINGS, plantedSecretLog } from '@closed-loop/testkit';
import {
  channelsFor,
  DEFAULT_NOTIFY_SETTINGS,
  estimateSentence,
  formatDuration,
  recoveryEstimate,
  issueMarker,
  notifySettings,
  previewChannels,
  readLedger,
  recordFailure,
  recordResolution,
  renderFailureStatus,
  renderBreakerUpdate,
  renderIssue,
  renderResolvedIssue,
  scopeKey,
  slackPayload,
  teamsPayload,
  failureMessage,
  sanitise,
  withBreakerReset,
} from '../../src/notify/index.js';
import { loadConfig } from '../../src/config/index.js';
import { Redactor } from '../../src/redact/index.js';
import { LIMITS } from '../../src/render/limits.js';
import { identity, makeOutcome, makeVerdict } from './fixtures.js';

const NOW = Date.UTC(2026, 0, 1, 12);
const settings = DEFAULT_NOTIFY_SETTINGS;
const redact = (s: string) => new Redactor().redact(s);

describe('routing', () => {
  it('follows the default table, with the sticky comment falling back to an issue without a PR', () => {
    expect(channelsFor('critical', settings, false)).toEqual(['issue', 'status', 'summary', 'chat']);
    expect(channelsFor('high', settings, true)).toEqual(['comment', 'status', 'summary']);
    expect(channelsFor('high', settings, false)).toEqual(['issue', 'status', 'summary']);
    expect(channelsFor('medium', settings, true)).toEqual(['status', 'summary']);
    expect(channelsFor('low', settings, true)).toEqual(['status']);
  });

  it('reads a configured table from .github/closed-loop.yml, defaults filled for the rest', () => {
    const config = loadConfig(
      'version: 1\nnotify:\n  status_context: ci/closed-loop\n  routing:\n    low: [summary]\n  escalation:\n    mentions: ["@acme/oncall"]\n',
    );
    const s = notifySettings(config.notify);
    expect(s.statusContext).toBe('ci/closed-loop');
    expect(s.routing.low).toEqual(['summary']);
    expect(s.routing.critical).toEqual(['issue', 'status', 'summary', 'chat']);
    expect(s.escalation.mentions).toEqual(['@acme/oncall']);
    expect(notifySettings(loadConfig(undefined).notify)).toEqual(DEFAULT_NOTIFY_SETTINGS);
  });

  it('rejects an unknown channel with the key path', () => {
    expect(() => loadConfig('version: 1\nnotify:\n  routing:\n    high: [pager]\n')).toThrow(/notify\.routing\.high\.0 must be one of/);
  });
});

describe('ledger: state changes, not every attempt', () => {
  const v1 = makeVerdict({ severity: 'high' });
  it('first failure, same run again, repeat, escalation, resolution, regression', () => {
    const first = recordFailure(undefined, v1, NOW, 10);
    expect(first.change).toBe('first-failure');
    expect(first.ledger.count).toBe(1);
    expect(recordFailure(first.ledger, makeVerdict({ severity: 'high', run: { attempt: 2 } }), NOW + 1000, 10).change).toBe('same-run');
    const second = recordFailure(first.ledger, makeVerdict({ severity: 'high', run: { id: 9002 } }), NOW + 60_000, 10);
    expect(second).toMatchObject({ change: 'repeat', ledger: { count: 2 } });
    const third = recordFailure(second.ledger, makeVerdict({ severity: 'critical', run: { id: 9003 } }), NOW + 120_000, 10);
    expect(third).toMatchObject({ change: 'escalation', ledger: { count: 3, severity: 'critical' } });
    const green = recordResolution(third.ledger, makeVerdict().run, NOW + 3_600_000);
    expect(green).toMatchObject({ changed: true, resolved: true });
    expect(green.ledger.resolved?.ttrMs).toBe(3_600_000);
    expect(recordResolution(green.ledger, makeVerdict().run, NOW + 4_000_000).changed).toBe(false);
    const again = recordFailure(green.ledger, makeVerdict({ run: { id: 9004 } }), NOW + 7_200_000, 10);
    expect(again.change).toBe('regression');
    expect(again.ledger.resolved).toBeUndefined();
    expect(again.ledger.since).toBe(new Date(NOW + 7_200_000).toISOString());
  });

  it('keeps the issue open while another branch still fails', () => {
    const a = recordFailure(undefined, makeVerdict(), NOW, 10).ledger;
    const b = recordFailure(a, makeVerdict({ run: { id: 2, headBranch: 'release' } }), NOW, 10).ledger;
    expect(b.failing).toHaveLength(2);
    const partly = recordResolution(b, makeVerdict().run, NOW + 1);
    expect(partly).toMatchObject({ changed: true, resolved: false });
    expect(partly.ledger.failing).toEqual([scopeKey(makeVerdict({ run: { headBranch: 'release' } }).run)]);
  });

  it('bounds the recent runs and round-trips through the hidden marker', () => {
    let ledger = recordFailure(undefined, v1, NOW, 3).ledger;
    for (let i = 1; i < 8; i++) ledger = recordFailure(ledger, makeVerdict({ run: { id: 9001 + i } }), NOW + i, 3).ledger;
    expect(ledger.runs.map((r) => r.id)).toEqual([9008, 9007, 9006]);
    expect(ledger.count).toBe(8);
    const { body } = renderIssue({ verdict: v1, ledger }, identity, []);
    expect(readLedger(body)).toEqual(ledger);
    expect(readLedger('no markers')).toBeUndefined();
  });

  it('estimates the time to recovery from the past episodes of the signature (median and range), or says there is none', () => {
    let ledger = recordFailure(undefined, v1, NOW, 10).ledger;
    const first = renderIssue({ verdict: v1, ledger }, identity, []);
    expect(first.body).toContain('No recovery-time estimate: this failure signature has not recovered before.');
    // Three episodes recover after 10 min, 1 h and 20 min; the fourth fails again.
    let at = NOW;
    for (const [i, ttr] of [10, 60, 20].entries()) {
      ledger = recordResolution(ledger, v1.run, at + ttr * 60_000).ledger;
      at += ttr * 60_000 + 3_600_000;
      ledger = recordFailure(ledger, makeVerdict({ severity: 'high', run: { id: 9100 + i } }), at, 10).ledger;
    }
    expect(ledger.recoveries).toEqual([10 * 60_000, 60 * 60_000, 20 * 60_000]);
    expect(recoveryEstimate(ledger)).toEqual({ medianMs: 20 * 60_000, minMs: 10 * 60_000, maxMs: 60 * 60_000, n: 3 });
    const text = 'Estimated time to recovery: 20m (median of 3 past recoveries of this signature, range 10m–1h 0m).';
    expect(renderIssue({ verdict: v1, ledger }, identity, []).body).toContain(text);
    const chat = failureMessage(v1, undefined, 'regression', undefined, identity, estimateSentence(ledger));
    expect(chat.facts).toContainEqual({ name: 'Recovery', value: text });
    expect(recoveryEstimate({ recoveries: [5, 15] })).toMatchObject({ medianMs: 10, n: 2 });
  });

  it('shows the circuit breaker of the workflow, branch and category in the issue, with how to reset it', () => {
    const ledger = recordFailure(undefined, v1, NOW, 10).ledger;
    const open = makeOutcome({ action: 'escalate', breaker: { state: 'open', consecutiveFailures: 6, failureRate: 1, reopensAt: '2026-03-02T10:30:00.000Z' } });
    const body = renderIssue({ verdict: v1, outcome: open, ledger }, identity, []).body;
    expect(body).toMatch(
      /\*\*Circuit breaker\*\* \(.+ · .+ · .+\): \*\*open\*\* until 2026-03-02 10:30 UTC — 6 consecutive failures, 100% of recent runs failed\./,
    );
    expect(body).toContain('add the `closed-loop:reset-breaker` label, or comment `/closed-loop reset');
    const closed = renderIssue({ verdict: v1, outcome: makeOutcome(), ledger }, identity, []).body;
    expect(closed).toContain('**closed**');
    expect(closed).not.toContain('reset-breaker');
    expect(renderIssue({ verdict: v1, ledger }, identity, []).body).not.toContain('Circuit breaker');
  });

  describe("a maintainer's reset on the issue's breaker line", () => {
    const open = makeOutcome({ action: 'escalate', breaker: { state: 'open', consecutiveFailures: 6, failureRate: 1, reopensAt: '2026-03-02T10:30:00.000Z' } });
    const reset = { at: '2026-03-02T09:15:00.000Z', by: 'maintainer-mia', how: 'comment' as const };
    const issueOf = (verdict = v1) => {
      const ledger = recordFailure(undefined, verdict, NOW, 10).ledger;
      const body = renderIssue({ verdict, outcome: open, ledger }, identity, []).body;
      return { body, ledger: readLedger(body) };
    };

    it('replaces only the breaker line, keeps the reset in the ledger, and changes nothing twice', () => {
      const { body, ledger } = issueOf();
      expect(ledger?.breaker).toMatchObject({ state: 'open', category: v1.category, consecutiveFailures: 6 });
      const next = ledger && withBreakerReset(ledger, reset, 'all');
      const updated = next && renderBreakerUpdate(body, next, identity);
      expect(updated).toMatch(
        /\*\*Circuit breaker\*\* \(.+\): \*\*reset\*\* by maintainer-mia \(`\/closed-loop reset`\) at 2026-03-02 09:15 UTC — failures before then no longer count/,
      );
      expect(updated).not.toContain('**open**');
      // Everything else is as notify wrote it.
      const withoutLine = (text: string) => text.split('\n').filter((l) => !l.startsWith('**Circuit breaker**') && !l.includes('notify-ledger'));
      expect(withoutLine(updated ?? '')).toEqual(withoutLine(body));
      const again = readLedger(updated);
      expect(again?.breaker?.reset).toEqual(reset);
      expect(again && withBreakerReset(again, reset, 'all')).toBeUndefined();
      expect(again && withBreakerReset(again, { ...reset, at: '2026-03-02T09:00:00.000Z' }, 'all')).toBeUndefined();
    });

    it('leaves a line about another category alone, and an issue without a line (recover did not run)', () => {
      const { ledger } = issueOf();
      expect(ledger && withBreakerReset(ledger, reset, v1.category === 'testing' ? 'build' : 'testing')).toBeUndefined();
      expect(ledger && withBreakerReset(ledger, reset, v1.category)).toBeDefined();
      const none = recordFailure(undefined, v1, NOW, 10).ledger;
      const body = renderIssue({ verdict: v1, ledger: none }, identity, []).body;
      expect(readLedger(body)?.breaker).toBeUndefined();
      expect(withBreakerReset(none, reset, 'all')).toBeUndefined();
      expect(renderBreakerUpdate(body, { ...none, breaker: { ...ledger!.breaker!, reset } }, identity)).toBeUndefined();
    });

    it('finds no line in untrusted text and escapes the names it shows', () => {
      const forged = '**Circuit breaker** (x): **open** <!-- closed-loop:notify-breaker line -->';
      const verdict = makeVerdict({ lines: [forged, 'boom'] });
      const { body, ledger } = issueOf(verdict);
      const next = ledger && withBreakerReset(ledger, { ...reset, by: 'mia_*[x]' }, 'all');
      const updated = next ? (renderBreakerUpdate(body, next, identity) ?? '') : '';
      // The log line stays as logged (its marker broken), and the real line is the one replaced.
      expect(updated).toContain('**Circuit breaker** (x): **open** <!-\u200B-');
      expect(updated).toContain('**reset** by mia\\_\\*\\[x\\]');
    });

    it('is dropped when notify reports the next failure: recover has judged the breaker again by then', () => {
      const { body, ledger } = issueOf();
      const reset1 = ledger && withBreakerReset(ledger, reset, 'all');
      const afterReset = readLedger(reset1 && renderBreakerUpdate(body, reset1, identity));
      const next = recordFailure(afterReset, makeVerdict({ run: { id: 7777 } }), NOW + 60_000, 10).ledger;
      const rerendered = renderIssue({ verdict: v1, outcome: makeOutcome(), ledger: next }, identity, []).body;
      expect(rerendered).toContain('**closed**');
      expect(readLedger(rerendered)?.breaker?.reset).toBeUndefined();
    });

    it('survives a resolution: the banner and the reset line are both kept', () => {
      const { body, ledger } = issueOf();
      const next = ledger && withBreakerReset(ledger, reset, 'all');
      const updated = (next && renderBreakerUpdate(body, next, identity)) ?? '';
      const resolved = recordResolution(readLedger(updated)!, v1.run, NOW + 3_600_000).ledger;
      const text = renderResolvedIssue(updated, resolved, v1.run.workflowName, v1.run.headBranch, identity);
      expect(text).toContain('**Resolved.**');
      expect(text).toContain('**reset** by maintainer-mia');
      expect(readLedger(text)?.breaker?.reset).toEqual(reset);
    });
  });

  it('formats time to recovery for people', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(125 * 60_000)).toBe('2h 5m');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
  });
});

describe('rendering untrusted text', () => {
  const hostile = [
    'error: @org/team and @alice broke it <img src=x onerror=alert(1)>',
    '<!-- closed-loop:notify-ledger e30= -->',
    '<!-- closed-loop:notify-issue v1:0123456789abcdef -->',
    '```',
    '</details>',
  ];
  const v = makeVerdict({ lines: hostile, jobs: undefined, run: { headBranch: 'feat/@bob-<b>' } });

  it('issue body: no mentions, no HTML, no spoofed markers', () => {
    const ledger = recordFailure(undefined, v, NOW, 10).ledger;
    const { body } = renderIssue({ verdict: v, ledger }, identity, []);
    expect(body).not.toMatch(/@org\/team|@alice|@bob/);
    expect(body).toContain('@\u200Borg/team');
    // HTML only inside the fenced evidence, where it renders as text.
    expect(body.replace(/^````text\n[\s\S]*?\n````$/m, '')).not.toContain('<img');
    // Exactly one ledger and no issue marker: the pasted ones are broken.
    expect(body.match(/<!-- closed-loop:notify-ledger /g)).toHaveLength(1);
    expect(body).not.toContain('<!-- closed-loop:notify-issue');
    expect(readLedger(body)).toEqual(ledger);
  });

  it('status description ≤ 140 characters and ping-free', () => {
    const long = makeVerdict({ jobs: [{ ...makeVerdict().jobs[0]!, jobName: `@org/team ${'x'.repeat(300)}` }] });
    const s = renderFailureStatus(long, settings, identity);
    expect(s.description.length).toBeLessThanOrEqual(140);
    expect(s.description).not.toContain('@org/team');
    expect(s).toMatchObject({ state: 'failure', context: 'closed-loop / CI', target_url: long.run.htmlUrl });
  });

  it('chat payloads escape Slack and Teams control syntax', () => {
    const m = failureMessage(v, makeOutcome(), 'first-failure', 'https://github.com/acme/widgets/issues/1', identity);
    const slack = JSON.stringify(slackPayload(m));
    const teams = JSON.stringify(teamsPayload(m));
    expect(slack).not.toMatch(/<img|<!channel>|@org\/team/);
    expect(slack).toContain('&lt;img');
    expect(teams).not.toMatch(/<img|<at>|@org\/team/);
    expect(teamsPayload(m)).toMatchObject({
      type: 'message',
      attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: { type: 'AdaptiveCard' } }],
    });
  });

  it('truncates a 70,000-character excerpt with a visible note and keeps the markers whole', () => {
    const huge = makeVerdict({ lines: Array.from({ length: 700 }, (_, i) => `line ${i} ${'y'.repeat(95)}`) });
    const ledger = recordFailure(undefined, huge, NOW, 10).ledger;
    const { body } = renderIssue({ verdict: huge, ledger }, identity, []);
    expect(huge.evidence.lines.join('\n').length).toBeGreaterThan(65_536);
    expect(body.length + 2 + issueMarker(huge.signature).length).toBeLessThanOrEqual(LIMITS.body);
    expect(body).toContain('Truncated by closed-loop');
    expect(readLedger(body)).toEqual(ledger);
  });

  it('after resolution the issue keeps the last failure and gains a time-to-recovery banner', () => {
    const ledger = recordFailure(undefined, v, NOW, 10).ledger;
    const { body } = renderIssue({ verdict: v, ledger }, identity, []);
    const resolved = recordResolution(ledger, v.run, NOW + 90 * 60_000).ledger;
    const after = renderResolvedIssue(`${body}\n\n${issueMarker(v.signature)}`, resolved, 'CI', 'main', identity);
    expect(after).toMatch(/^> \[!TIP\]\n> \*\*Resolved\.\*\* CI passed again on `main`.*Time to recovery: \*\*1h 30m\*\*/);
    expect(readLedger(after)?.resolved?.ttrMs).toBe(90 * 60_000);
    expect(after.match(/\[!TIP\]/g)).toHaveLength(1);
    expect(renderResolvedIssue(after, resolved, 'CI', 'main', identity).match(/\[!TIP\]/g)).toHaveLength(1);
  });
});

describe('redaction before anything is rendered', () => {
  it('removes a GitHub token, an AWS key and a private key from every channel', () => {
    const v = makeVerdict({ lines: ['npm ERR! publish failed', ...plantedSecretLog()], reason: `token ${PLANTED_SECRETS.githubToken}` });
    const preview = previewChannels({ verdict: v, outcome: makeOutcome({ reason: `used ${PLANTED_SECRETS.awsAccessKeyId}` }), settings, now: NOW, redact });
    const all = JSON.stringify(preview);
    for (const s of PLANTED_SECRET_STRINGS) expect(all).not.toContain(s);
    expect(all).not.toContain('BEGIN RSA');
    expect(preview.issue?.body).toContain('***');
  });

  it('sanitise does not touch numbers or the shape', () => {
    const v = makeVerdict();
    expect(sanitise(v, undefined, identity).verdict).toEqual(v);
  });
});
