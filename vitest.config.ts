import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ from the current sources first: tests that launch the CLI run what was just written.
    globalSetup: ['./test/global-setup.ts'],
    reporters: ['default', './test/summary-reporter.ts'],
    // Two test files at a time even on a 2-core machine (vitest's default would be one): most tests wait on
    // git and other child processes, so a second file fills the waits.
    maxWorkers: 2,
    // No user or system git configuration in any test: the CLI run in-process starts its git with the test
    // process's environment, and must see what a spawned run given these variables sees.
    env: { GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' },
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
