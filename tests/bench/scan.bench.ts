import { describe, it } from '@jest/globals';
import { evaluateCredentials, evaluatePhi, hasData, precision, recall } from './scan-data.js';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

describe('scan benchmark', () => {
  it('quality', () => {
    if (!hasData()) {
      console.log('skipped: ../shared/data not found');
      return;
    }
    const c = evaluateCredentials();
    const p = evaluatePhi();
    const rows = [...c.families, c.total, ...p.families, p.total].map(
      (s) =>
        `${s.family.padEnd(26)} ${String(s.positives).padStart(5)} ${pct(recall(s)).padStart(7)} ${String(s.negatives).padStart(4)} ${String(s.falsePositives).padStart(4)} ${pct(precision(s)).padStart(7)}`,
    );
    console.log(rows.join('\n'));
    if (process.env.SCAN_BENCH_VERBOSE) {
      console.log(c.missed.map((m) => `MISS ${m.rule}: ${JSON.stringify(m.text.slice(0, 160))}`).join('\n'));
      console.log(c.falsePositives.map((m) => `FP ${m.rule} by ${m.by}: ${JSON.stringify(m.text.slice(0, 160))}`).join('\n'));
      console.log(p.missed.map((m) => `MISS ${m.entity}: ${JSON.stringify(m.text.slice(0, 160))}`).join('\n'));
      console.log(p.falsePositives.map((m) => `FP ${m.entity}: ${JSON.stringify(m.text.slice(0, 160))}`).join('\n'));
    }
  });
});
