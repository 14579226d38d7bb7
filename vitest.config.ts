import { defineConfig } from 'vitest/config';

/**
 * Integration tests that take a few seconds each and need nothing beyond Node and ../shared/data
 * (no chromium, poppler-utils or compilers): with unit and contract tests they make `npm run test:fast`.
 * `npm test` runs every project, which is what CI runs.
 */
/** Tests against a real Postgres (`*-postgres.test.ts`): their project starts a throwaway cluster first. */
const POSTGRES = ['test/**/*-postgres.test.ts'];

const FAST_INTEGRATION = [
  'test/integration/arxiv-add.test.ts',
  'test/integration/arxiv-cli-expand.test.ts',
  'test/integration/arxiv-parsing.test.ts',
  'test/integration/audit-online.test.ts',
  'test/integration/audit-report.test.ts',
  'test/integration/audit-run.test.ts',
  'test/integration/calibrate-llm.test.ts',
  'test/integration/claims-real-text.test.ts',
  'test/integration/cli-claims-verify.test.ts',
  'test/integration/html-ingest.test.ts',
  'test/integration/llm-engine.test.ts',
];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts', 'test/contract/**/*.test.ts'],
          exclude: POSTGRES,
          testTimeout: 20_000,
          // Unit tests keep no module state between files (each opens its own temp store), so they share
          // worker threads without re-importing everything per file: 17 s instead of 47 s on 2 cores.
          pool: 'threads',
          isolate: false,
        },
      },
      {
        test: {
          name: 'integration-fast',
          include: FAST_INTEGRATION,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'integration',
          // Child processes run bin/litmus.js: build dist/ from the current sources first.
          globalSetup: ['test/support/build-dist.ts'],
          include: ['test/integration/**/*.test.ts'],
          exclude: [...FAST_INTEGRATION, ...POSTGRES],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          pool: 'forks',
        },
      },
      {
        test: {
          name: 'postgres',
          // Starts Debian's postgresql in a temp folder (test/support/postgres-cluster.ts), or uses
          // LITMUS_TEST_DATABASE_URL; fails, never skips, when neither is there.
          globalSetup: ['test/support/build-dist.ts', 'test/support/postgres-setup.ts'],
          include: POSTGRES,
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
        },
      },
    ],
  },
});
