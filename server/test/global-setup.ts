import type { TestProject } from 'vitest/node';
import { startRedisCluster } from './redis-cluster.js';
import { startRedis } from './redis-process.js';

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
    /** Server nodes each test server runs (2 in `npm run test:cluster`). */
    serverNodes: number;
  }
}

/**
 * One real redis-server for the whole run; tests keep apart by using their own hall ids.
 * With HALL_TEST_REDIS=cluster (`npm run test:cluster`) a real 3-master Redis Cluster
 * instead, and every test server is two server nodes.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.env.HALL_TEST_REDIS === 'cluster') {
    const cluster = await startRedisCluster();
    project.provide('redisUrl', cluster.url);
    project.provide('serverNodes', 2);
    return () => cluster.stop();
  }
  const redis = await startRedis();
  project.provide('redisUrl', redis.url);
  project.provide('serverNodes', 1);
  return () => redis.stop();
}
