// Issue 14, findings 5 and 6: sessions end at logout, by a supervisor and when idle; logins are
// limited per user name and per address, proxies are believed only when configured, and a
// guesser is slowed down without locking the real user out. Attempts are logged, passwords never.
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function server(
  options: Parameters<typeof startTestServer>[1] = {},
  loginsPerMinutePerUser = 10,
): Promise<TestServer> {
  const s = await startTestServer(
    sampleHall('demo', (h) => {
      h.rateLimits.loginsPerMinutePerUser = loginsPerMinutePerUser;
    }),
    options,
  );
  cleanup.push(() => s.close());
  return s;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sessions (issue 14, finding 5)', () => {
  it('logout revokes the token; a supervisor ends all of a clerk’s sessions', async () => {
    const s = await server();
    const me = (token: string) => s.api('GET', `/halls/${s.hall.id}/staff/me`, { token });
    const token = await s.login('clerk1');
    expect((await me(token)).status).toBe(200);
    expect((await s.api('POST', '/auth/logout', { token })).status).toBe(204);
    const after = await me(token);
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe('unauthorized');
    expect(after.headers.get('www-authenticate')).toMatch(/^Bearer /);

    // a clerk signed in on two PCs; the supervisor ends both
    const a = await s.login('clerk2');
    const b = await s.login('clerk2');
    const supervisor = await s.login('supervisor');
    const path = `/halls/${s.hall.id}/staff/clerk2/end-sessions`;
    expect((await s.api('POST', path, { token: a })).status).toBe(403);
    const ended = await s.api('POST', path, { token: supervisor });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({ ended: 2 });
    expect((await me(a)).status).toBe(401);
    expect((await me(b)).status).toBe(401);
    expect((await me(supervisor)).status).toBe(200);
  });

  it('a session ends when idle and lives on while it is used', async () => {
    const s = await server({ server: { sessions: { idleSeconds: 2, maxSeconds: 3600 } } });
    const presence = (token: string) =>
      s.api('GET', `/halls/${s.hall.id}/staff/me`, { token }).then((r) => r.status);
    const used = await s.login('clerk1');
    const idle = await s.login('clerk3');
    for (let i = 0; i < 3; i++) {
      await sleep(1200);
      expect(await presence(used)).toBe(200); // 3.6 s in all: renewed by each use
    }
    expect(await presence(idle)).toBe(401);
  });
});

describe('logins (issue 14, finding 6)', () => {
  const attempt = (
    s: TestServer,
    username: string,
    password: string,
    o: { hallId?: string | null; from?: string } = {},
  ) =>
    s.api('POST', '/auth/login', {
      body: {
        username,
        password,
        ...(o.hallId === null ? {} : { hallId: o.hallId ?? s.hall.id }),
      },
      ...(o.from ? { headers: { 'x-forwarded-for': o.from } } : {}),
    });

  it('limits one address across user names, known or not, and ignores X-Forwarded-For from an untrusted peer', async () => {
    const s = await server({}, 4); // 12 attempts a minute from one address
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      // a different user name (mostly unknown) and a forged client address each time
      const r = await attempt(s, `user${i % 8}`, `guess${i}`, { from: `10.9.${i}.1` });
      statuses.push(r.status);
      if (r.status === 429) expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(statuses.slice(0, 12).every((x) => x === 401)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
  });

  it('limits one user name across addresses and halls, behind a trusted proxy', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const s = await server({ server: { trustedProxies: ['loopback'], logger } });
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await attempt(s, 'clerk5', `guess${i}`, {
        from: `10.1.${i}.7`,
        hallId: i % 2 ? null : s.hall.id, // with or without the hall: one bucket
      });
      statuses.push(r.status);
    }
    expect(statuses.filter((x) => x === 429).length).toBeGreaterThanOrEqual(2);
    // the proxy's header gave each attempt its own address, and the log says who tried, never the password
    const logged = lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'login');
    expect(logged.some((l) => l.ip === '10.1.3.7' && l.user === 'clerk5')).toBe(true);
    expect(logged.some((l) => l.outcome === 'failed')).toBe(true);
    expect(logged.some((l) => l.outcome === 'throttled')).toBe(true);
    expect(lines.join('\n')).not.toContain('guess');
  });

  it('slows a guesser down after a few failures; the real user waits, then gets in', async () => {
    const s = await server();
    for (let i = 0; i < 6; i++) expect((await attempt(s, 'clerk4', `wrong${i}`)).status).toBe(401);
    const held = await attempt(s, 'clerk4', 'demo1234');
    expect(held.status).toBe(429);
    expect(held.body.error.code).toBe('rate_limited');
    const wait = Number(held.headers.get('retry-after'));
    expect(wait).toBeGreaterThanOrEqual(1);
    expect(wait).toBeLessThanOrEqual(30);
    await sleep(wait * 1000 + 100);
    const real = await attempt(s, 'clerk4', 'demo1234');
    expect(real.status).toBe(200);
    // a good login forgets the failures: no waiting next time
    expect((await attempt(s, 'clerk4', 'demo1234')).status).toBe(200);
  });
});
