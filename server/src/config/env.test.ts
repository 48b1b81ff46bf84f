import { describe, expect, it } from 'vitest';
import { readEnv } from './env.js';

describe('readEnv', () => {
  const root = '/srv/hall';

  it('takes the default hall file and data folder from the project root, wherever npm ran', () => {
    const env = readEnv({ INIT_CWD: '/srv/hall/server' }, root);
    expect(env.hallFiles).toEqual(['/srv/hall/config/demo.yaml']);
    expect(env.dataDir).toBe('/srv/hall/data');
    expect(env.demoPrinter).toBe(true);
  });

  it('takes the paths a user gives from where they ran npm', () => {
    const env = readEnv(
      { INIT_CWD: '/home/it', HALL_CONFIG: 'halls/a.yaml, /etc/hall/b.yaml', DATA_DIR: 'd' },
      root,
    );
    expect(env.hallFiles).toEqual(['/home/it/halls/a.yaml', '/etc/hall/b.yaml']);
    expect(env.dataDir).toBe('/home/it/d');
    // a real hall's file: no demo printer unless asked for
    expect(env.demoPrinter).toBe(false);
  });

  it('believes X-Forwarded-For from no peer unless told which proxies to trust', () => {
    expect(readEnv({}, root).trustedProxies).toEqual([]);
    expect(readEnv({ TRUSTED_PROXIES: '10.0.0.5, uniquelocal' }, root).trustedProxies).toEqual([
      '10.0.0.5',
      'uniquelocal',
    ]);
  });

  it('reads a Redis Cluster seed list and refuses a malformed one', () => {
    const env = readEnv({ REDIS_CLUSTER: '10.0.0.1:7000,redis-b:7001' }, root);
    expect(env.redisCluster).toEqual([
      { host: '10.0.0.1', port: 7000 },
      { host: 'redis-b', port: 7001 },
    ]);
    expect(() => readEnv({ REDIS_CLUSTER: '10.0.0.1' }, root)).toThrow(/REDIS_CLUSTER/);
    expect(readEnv({ REDIS_SENTINELS: 's1:26379,s2:26379' }, root).redisSentinel).toEqual({
      sentinels: [
        { host: 's1', port: 26379 },
        { host: 's2', port: 26379 },
      ],
      name: 'mymaster',
    });
  });
});
