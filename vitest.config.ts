import { defineConfig } from 'vitest/config';

/**
 * Three sizes of test (see docs/testing.md):
 * - unit: pure code, no database or server (src/**\/*.test.ts that are not *.int.test.ts);
 * - integration: the real app on a real database (*.int.test.ts): PGlite by default, the
 *   PostgreSQL server in DATABASE_URL when it is set;
 * - browser: Chromium driven by Playwright against a running server (e2e/**\/*.test.ts).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['src/**/*.int.test.ts', 'test/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          maxWorkers: 2,
          // Each worker process runs its test files one after another without starting again,
          // so the app's modules are loaded once per worker rather than once per file. Every
          // file still has its own database and app (test/helpers/app.ts).
          isolate: false,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          pool: 'forks',
          maxWorkers: 1,
          fileParallelism: false,
        },
      },
    ],
  },
});
