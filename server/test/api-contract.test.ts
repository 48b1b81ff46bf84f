// The OpenAPI document, health checks and the hall file's validation.
import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHallConfig } from '../src/config/hall-config.js';
import { sampleHall, startTestServer, type TestServer } from './helpers.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

describe('the OpenAPI document', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer(sampleHall('demo'));
  });
  afterAll(async () => {
    await s.close();
  });

  it('lists every endpoint of the contract with its named errors', async () => {
    const doc = (await s.api('GET', '/openapi.json')).body;
    expect(doc.openapi).toMatch(/^3\./);
    const paths = Object.keys(doc.paths);
    const contract = [
      ['post', '/api/v1/auth/login'],
      ['get', '/api/v1/halls/{hallId}'],
      ['post', '/api/v1/halls/{hallId}/tickets'],
      ['get', '/api/v1/tickets/{ticketId}'],
      ...[
        'open',
        'close',
        'call-next',
        'call',
        'recall',
        'start',
        'finish',
        'no-show',
        'transfer',
        'pause',
        'resume',
        'ratings',
      ].map((a) => ['post', `/api/v1/halls/{hallId}/windows/{windowId}/${a}`]),
    ] as const;
    for (const [method, path] of contract) {
      expect(paths, path).toContain(path);
      expect(doc.paths[path][method], `${method} ${path}`).toBeDefined();
    }
    const issue = doc.paths['/api/v1/halls/{hallId}/tickets'].post;
    expect(Object.keys(issue.responses)).toEqual(
      expect.arrayContaining(['200', '201', '404', '409', '429']),
    );
    expect(JSON.stringify(issue.responses['409'])).toContain('quota_exhausted');
    expect(JSON.stringify(issue.responses['409'])).toContain('service_closed');
    const ref: string = issue.requestBody.content['application/json'].schema.$ref;
    const body = doc.components.schemas[ref.split('/').pop()!];
    expect(Object.keys(body.properties)).toEqual(
      expect.arrayContaining(['serviceId', 'priority', 'appointmentCode', 'phone', 'requestId']),
    );
  });

  it('answers the health checks', async () => {
    const health = await fetch(`${s.url}/healthz`);
    expect(health.status).toBe(200);
    const ready = await fetch(`${s.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});

describe('the hall file', () => {
  const demo = readFileSync(join(ROOT, 'config', 'demo.yaml'), 'utf8');

  it('names the bad field of an invalid file', () => {
    const bad = demo.replace('prefix: A', 'prefix: 7');
    expect(() => parseHallConfig(bad, 'demo.yaml')).toThrow(/^demo\.yaml[^]*services\.0\.prefix/);
    const unknownService = demo.replace('services: [labor]', 'services: [lab]');
    expect(() => parseHallConfig(unknownService, 'demo.yaml')).toThrow(/windows\.0\.services/);
    const shortEnglish = demo.replace('      - Subsidy passbook, original\n', '');
    expect(() => parseHallConfig(shortEnglish, 'demo.yaml')).toThrow(/services\.3\.materialsEn/);
  });

  it('stops the server at start-up with the bad field named', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hall-config-'));
    const file = join(dir, 'hall.yaml');
    writeFileSync(file, demo.replace('timeZone: Asia/Shanghai', 'timeZone: Mars/Olympus'));
    const run = promisify(execFile)('npx', ['tsx', join(ROOT, 'server', 'src', 'main.ts')], {
      env: { ...process.env, HALL_CONFIG: file, REDIS_URL: 'redis://127.0.0.1:1', PORT: '0' },
      timeout: 30_000,
    });
    const failure = await run.then(
      () => null,
      (err: { code: number; stdout: string; stderr: string }) => err,
    );
    expect(failure).not.toBeNull();
    expect(failure!.code).not.toBe(0);
    expect(`${failure!.stdout}${failure!.stderr}`).toMatch(/timeZone/);
  });
});

describe('shutdown', () => {
  it('closes although browsers hold keep-alive connections open', async () => {
    const s = await startTestServer(sampleHall('demo'));
    const { port } = new URL(s.url);
    // one idle keep-alive connection after a request, one with a request only half sent
    const idle = connect(Number(port), '127.0.0.1');
    const half = connect(Number(port), '127.0.0.1');
    const answered = new Promise<string>((resolve) => idle.once('data', (d) => resolve(String(d))));
    idle.write(`GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
    half.write(`GET /api/v1/halls/${s.hall.id} HTTP/1.1\r\nHost: x\r\n`);
    expect(await answered).toMatch(/^HTTP\/1\.1 200/);
    const outcome = await Promise.race([
      s.close().then(() => 'closed'),
      new Promise((r) => setTimeout(() => r('still open after 20 s'), 20_000)),
    ]);
    idle.destroy();
    half.destroy();
    expect(outcome).toBe('closed');
  });
});
