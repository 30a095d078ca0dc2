// Benchmarks: report ratios against baselines measured in the same run; never timed asserts.
import { base } from './jest.config.js';

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/tests/bench'],
  testMatch: ['**/*.bench.ts'],
  testTimeout: 600000,
  maxWorkers: 1,
};
