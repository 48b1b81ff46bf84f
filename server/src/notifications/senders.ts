import { createHmac } from 'node:crypto';
import type { Logger } from 'pino';
import { maskPhone } from '../appointments/appointment-service.js';
import type { NotificationKind } from './messages.js';
import type { NotificationSettings } from './notification-settings.js';

/** One message to one number. `id` is the notification's id: the same on every retry. */
export interface OutgoingMessage {
  id: string;
  hallId: string;
  kind: NotificationKind;
  to: string;
  text: string;
}

/** Delivers a message or throws (the job is retried with backoff). */
export interface Sender {
  send(message: OutgoingMessage): Promise<void>;
}

/** The demo's sender: each message goes to the log, the number masked. */
export class LogSender implements Sender {
  constructor(private readonly logger: Logger) {}
  send(m: OutgoingMessage): Promise<void> {
    this.logger.info(
      { notification: m.id, hallId: m.hallId, kind: m.kind, to: maskPhone(m.to), text: m.text },
      'notification (log sender)',
    );
    return Promise.resolve();
  }
}

/** The signature a webhook receiver checks: HMAC-SHA256 of `<timestamp>.<body>`, hex. */
export function signBody(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * POSTs each message as JSON to the hall's SMS gateway. Headers: `X-Hall-Timestamp` (ms),
 * `X-Hall-Signature: sha256=<hex>` over `<timestamp>.<body>`, and `Idempotency-Key` (the
 * notification id, the same on a retry, so the gateway can drop a repeat). Anything but a 2xx
 * answer, a timeout or a network error throws.
 */
export class WebhookSender implements Sender {
  constructor(
    private readonly url: string,
    private readonly secret: string,
    private readonly timeoutMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  async send(m: OutgoingMessage): Promise<void> {
    const body = JSON.stringify({
      id: m.id,
      hallId: m.hallId,
      kind: m.kind,
      to: m.to,
      text: m.text,
    });
    const timestamp = String(this.now());
    const res = await fetch(this.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'x-hall-timestamp': timestamp,
        'x-hall-signature': `sha256=${signBody(this.secret, timestamp, body)}`,
        'idempotency-key': m.id,
      },
      body,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`SMS gateway answered ${res.status}`);
  }
}

/** The sender a hall's settings ask for; a webhook without a secret is a configuration error. */
export function senderFor(
  settings: NotificationSettings,
  logger: Logger,
  defaultSecret: string | undefined,
): Sender {
  if (settings.sender === 'log' || !settings.webhook) return new LogSender(logger);
  const secret = settings.webhook.secret ?? defaultSecret;
  if (!secret) throw new Error('notifications.webhook needs a secret (or NOTIFY_WEBHOOK_SECRET)');
  return new WebhookSender(settings.webhook.url, secret, settings.webhook.timeoutMs);
}
