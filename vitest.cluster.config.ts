import { defineConfig } from 'vitest/config';

/**
 * `npm run test:cluster`: the core and realtime integration suites against a real
 * 3-master Redis Cluster on loopback, each test server being two server nodes
 * (server/test/global-setup.ts, HALL_TEST_REDIS=cluster). Otherwise as vitest.config.ts.
 */
// read by the global setup, which runs in this process
process.env.HALL_TEST_REDIS = 'cluster';

export default defineConfig({
  test: {
    include: [
      'server/test/cluster.test-cluster.ts',
      'server/test/api-bad-input.test.ts',
      'server/test/api-concurrency.test.ts',
      'server/test/api-contract.test.ts',
      'server/test/api-limits.test.ts',
      'server/test/api-schedule.test.ts',
      'server/test/api-transitions.test.ts',
      'server/test/counter-console.test.ts',
      'server/test/notices.test.ts',
      'server/test/ratings.test.ts',
      'server/test/printing.test.ts',
      'server/test/realtime.test.ts',
      'server/test/realtime-nodes.test.ts',
      'server/test/metrics.test.ts',
      'server/test/backup.test.ts',
      'server/test/hall-config.test.ts',
      'server/test/hall-admin-staff.test.ts',
      'server/test/check-in.test.ts',
      'server/test/staff-priority.test.ts',
      'server/test/alerts.test.ts',
    ],
    globalSetup: ['./server/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
