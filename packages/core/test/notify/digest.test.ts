import { describe, expect, it } from '@jest/globals';
import { digestPeriod, digestPolicy, parseFailureStatus, renderDigest } from '../../src/notify/digest.js';

const at = (iso: string) => Date.parse(iso);

describe('digest periods', () => {
  it('names the last complete UTC hour or day, the same for every sweep within the next one', () => {
    expect(digestPeriod('hourly', at('2026-03-02T10:05:00Z'))).toEqual({
      start: at('2026-03-02T09:00:00Z'),
      end: at('2026-03-02T10:00:00Z'),
      key: '2026-03-02T09',
    });
    expect(digestPeriod('hourly', at('2026-03-02T10:59:59Z')).key).toBe('2026-03-02T09');
    expect(digestPeriod('hourly', at('2026-03-02T11:00:00Z')).key).toBe('2026-03-02T10');
    expect(digestPeriod('daily', at('2026-03-02T00:10:00Z'))).toEqual({
      start: at('2026-03-01T00:00:00Z'),
      end: at('2026-03-02T00:00:00Z'),
      key: '2026-03-01',
    });
  });

  it('defaults to hourly medium and daily low digests, without chat', () => {
    expect(digestPolicy(undefined)).toEqual({ cadence: { medium: 'hourly', low: 'daily' }, chat: false });
    expect(digestPolicy({ digests: { low: 'off', chat: true } })).toEqual({ cadence: { medium: 'hourly', low: 'off' }, chat: true });
  });
});

describe('failure statuses', () => {
  it('reads the severity notify put first, and nothing from any other description', () => {
    expect(parseFailureStatus('medium: Tests: assertion in unit')).toEqual({ severity: 'medium', what: 'Tests: assertion in unit' });
    expect(parseFailureStatus('CI passed')).toBeUndefined();
    expect(parseFailureStatus('urgent: x')).toBeUndefined();
    expect(parseFailureStatus(null)).toBeUndefined();
  });
});

describe('renderDigest', () => {
  it('lists every run oldest first, neutralising mentions and markers from untrusted text', () => {
    const period = digestPeriod('hourly', at('2026-03-02T10:05:00Z'));
    const body = renderDigest(
      'medium',
      period,
      'hourly',
      [
        {
          runId: 2,
          workflow: 'CI',
          branch: 'b',
          what: 'Tests in @acme/team <!-- x -->',
          url: 'https://github.com/o/r/actions/runs/2',
          completedAt: '2026-03-02T09:40:00Z',
        },
        { runId: 1, workflow: 'CI', branch: 'a', what: 'Tests in unit', url: 'https://github.com/o/r/actions/runs/1', completedAt: '2026-03-02T09:10:00Z' },
      ],
      (s) => s,
    );
    expect(body).toContain('2 medium failures, 2026-03-02T09:00–10:00 UTC');
    expect(body.indexOf('runs/1)')).toBeGreaterThan(0);
    expect(body.indexOf('runs/1)')).toBeLessThan(body.indexOf('runs/2)'));
    expect(body).not.toContain('@acme/team');
    expect(body).not.toContain('<!-- x');
  });
});
