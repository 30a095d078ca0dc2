import type { ClassifyRule } from '../rule.js';

/** Resources ran out or a budget was exceeded: disk, memory, time, size, benchmarks. */
export const performanceRules: ClassifyRule[] = [
  {
    id: 'performance/disk-full',
    category: 'performance',
    subcategory: 'disk-full',
    // A full disk on a hosted runner comes from the runner's state as much as from the job: a re-run on a fresh one usually passes.
    pattern:
      /No space left on device|\bENOSPC\b|Disk quota exceeded|not enough (free )?disk space|You are running out of disk space|There is not enough space on the disk/i,
    weight: 0.95,
    keywords: [
      'no space left',
      'enospc',
      'disk quota exceeded',
      'enough free disk',
      'enough disk',
      'running out of disk space',
      'not enough space on the disk',
    ],
    transient: true,
    examples: {
      match: [
        'java.io.IOException: No space left on device',
        'npm ERR! code ENOSPC',
        'You are running out of disk space. The runner will stop working when the machine runs out of disk space.',
      ],
      noMatch: ['Disk space: 14G free', 'checking for space in path'],
    },
  },
  {
    id: 'performance/oom',
    category: 'performance',
    subcategory: 'oom',
    pattern:
      /JavaScript heap out of memory|java\.lang\.OutOfMemoryError|\bOutOfMemoryError\b|Cannot allocate memory|out of memory|\bMemoryError\b|memory allocation of \d+ bytes failed|Killed\s+.*signal 9|exit code 137\b|\bOOMKilled\b|std::bad_alloc/i,
    weight: 0.9,
    keywords: [
      'out of memory',
      'outofmemoryerror',
      'cannot allocate memory',
      'memoryerror',
      'memory allocation',
      'killed',
      'exit code 137',
      'oomkilled',
      'bad_alloc',
    ],
    examples: {
      match: [
        'FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory',
        'java.lang.OutOfMemoryError: Java heap space',
        'Error: Process completed with exit code 137.',
      ],
      noMatch: ['memory usage: 120MB', 'exit code 1'],
    },
  },
  {
    id: 'performance/job-timeout',
    category: 'performance',
    subcategory: 'timeout',
    pattern:
      /has exceeded the maximum execution time of \d+ minutes|The job running on runner .* has exceeded|No output has been received in the last \d+m|Build timed out \(after \d+ minutes\)|job (exceeded|reached) (the )?(maximum )?(time|timeout)/i,
    weight: 0.9,
    keywords: ['maximum execution time', 'has exceeded', 'no output has been received', 'build timed out', 'job exceeded', 'job reached'],
    examples: {
      match: [
        'The job running on runner GitHub Actions 3 has exceeded the maximum execution time of 360 minutes.',
        'No output has been received in the last 10m0s, this potentially indicates a stalled build',
      ],
      noMatch: ['timeout-minutes: 30'],
    },
  },
  {
    id: 'performance/budget',
    category: 'performance',
    subcategory: 'regression',
    pattern:
      /performance regression|benchmarks? (regress|fail)|exceeds? (the )?(size|performance|time) budget|size limit (has been )?exceeded|Package size limit has exceeded|Lighthouse.*(fail|below threshold)/i,
    weight: 0.85,
    keywords: ['performance regression', 'benchmark', 'budget', 'size limit'],
    examples: { match: ['Error: Package size limit has exceeded by 2 kB', 'Performance regression detected in parse()'], noMatch: ['Running benchmarks'] },
  },
];
