// ESM + TypeScript via ts-jest (transpile only; `npm run typecheck` is the type gate).
/** @type {import('jest').Config} */
const base = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {
    '^@closed-loop/core/preflight$': '<rootDir>/packages/core/src/action/preflight.ts',
    '^@closed-loop/([a-z-]+)$': '<rootDir>/packages/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.test.json' }],
  },
  testTimeout: 20000,
  setupFiles: ['<rootDir>/tests/support/setup-env.js'],
};

export { base };

/** @type {import('jest').Config} */
export default {
  ...base,
  roots: ['<rootDir>/packages', '<rootDir>/actions', '<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/tests/bench/'],
  collectCoverage: true,
  // generated/ is ajv's standalone validator and the schema-derived types (tests/build/generated.test.ts
  // keeps them equal to a fresh generation): its branches are ajv's, not ours to cover.
  collectCoverageFrom: ['packages/core/src/**/*.ts', '!packages/core/src/**/*.d.ts', '!packages/core/src/config/generated/**'],
  coverageReporters: ['text-summary', 'json-summary'],
  reporters: ['default', '<rootDir>/tests/support/summary-reporter.js'],
  coverageThreshold: { './packages/core/src/': { lines: 85 } },
  // Jest's default (cores - 1) runs one worker on the 2-core CI machine; tests are I/O-bound enough for two.
  maxWorkers: 2,
};
