import { createHmac } from 'node:crypto';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { parseHallConfig } from '../config/hall-config.js';
import { messageText } from './messages.js';
import { NotificationSettings } from './notification-settings.js';
import { LogSender, senderFor, signBody, WebhookSender } from './senders.js';

describe('senders', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256 in hex', () => {
    const expected = createHmac('sha256', 'k'.repeat(20)).update('17.{"a":1}').digest('hex');
    expect(signBody('k'.repeat(20), '17', '{"a":1}')).toBe(expected);
  });

  it('logs a message with the number masked (the demo sender)', async () => {
    const lines: string[] = [];
    const out = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    await new LogSender(pino(out)).send({
      id: 'called.x',
      hallId: 'demo',
      kind: 'called',
      to: '13812345678',
      text: '请A001号到1号窗口办理。',
    });
    expect(lines.join('')).toContain('138****5678');
    expect(lines.join('')).not.toContain('13812345678');
  });

  it('picks the sender from the hall file; a webhook needs a url and a secret', () => {
    const logger = pino({ level: 'silent' });
    expect(senderFor(NotificationSettings.parse({}), logger, undefined)).toBeInstanceOf(LogSender);
    const hook = NotificationSettings.parse({
      sender: 'webhook',
      webhook: { url: 'https://sms.example.cn/send' },
    });
    expect(() => senderFor(hook, logger, undefined)).toThrow(/secret/);
    expect(senderFor(hook, logger, 'x'.repeat(20))).toBeInstanceOf(WebhookSender);
    expect(NotificationSettings.safeParse({ sender: 'webhook' }).success).toBe(false);
    expect(
      NotificationSettings.safeParse({ sender: 'webhook', webhook: { url: 'ftp://x' } }).success,
    ).toBe(false);
  });

  it('refuses appointment settings for a service the hall does not have', () => {
    const yaml = [
      'id: h',
      'name: 大厅',
      'schedule: { alwaysOpen: true }',
      'services: [{ id: a, name: 业务, prefix: A }]',
      "windows: [{ id: '1', name: 1号窗口, services: [a] }]",
      'appointments: { services: { nope: { capacity: 1 } } }',
    ].join('\n');
    expect(() => parseHallConfig(yaml, 'h.yaml')).toThrow(/appointments\.services\.nope/);
  });
});

describe('messageText', () => {
  it('writes each message in the hall’s polite Chinese with full-width punctuation', () => {
    const texts = [
      messageText('城关', { kind: 'turn_near', number: 'A003', serviceName: '劳动保障', ahead: 2 }),
      messageText('城关', { kind: 'called', number: 'A003', windowName: '3号窗口' }),
      messageText('城关', { kind: 'done', number: 'A003', serviceName: '劳动保障' }),
      messageText('城关', {
        kind: 'reminder',
        serviceName: '民政救济',
        slotText: '12月1日09:00',
        code: 'K7M2QX9P',
      }),
      messageText(
        '城关',
        { kind: 'follow_up_contact', number: 'A003', windowName: '3号窗口', score: 1 },
        '13800000002',
      ),
    ];
    expect(texts[1]).toBe('【城关】请A003号到3号窗口办理。');
    expect(
      messageText('城关', { kind: 'turn_near', number: 'A003', serviceName: '劳动保障', ahead: 0 }),
    ).toBe('【城关】您的A003号（劳动保障）即将叫到，请回到大厅留意叫号。');
    expect(texts[4]).toContain('群众联系电话13800000002');
    for (const t of texts)
      expect(t).not.toMatch(/[\u4e00-\u9fff][,:;()!?]|[,:;()!?][\u4e00-\u9fff]/);
  });
});
