import { ErrorBody, type RatingBody } from './contract.js';
import type { QueuedRating, RatingSender, SendResult } from './outbox.js';

export interface HttpSenderOptions {
  serverUrl: string;
  deviceToken: string;
  /** A hung connection must not hold up the queue forever. */
  timeoutMs?: number;
}

/** The ratings endpoint of one window, tolerating a server URL with or without a path prefix. */
export function ratingsUrl(serverUrl: string, hallId: string, windowId: string): URL {
  const base = serverUrl.endsWith('/') ? serverUrl : `${serverUrl}/`;
  return new URL(
    `api/v1/halls/${encodeURIComponent(hallId)}/windows/${encodeURIComponent(windowId)}/ratings`,
    base,
  );
}

/**
 * Posts a queued rating and sorts the answer into deliver / duplicate / refuse / retry.
 * 409 already_rated means an earlier attempt succeeded; other 4xx will never succeed
 * (except 408 and 429, which are about timing); 5xx and network failures are worth retrying.
 */
export function createHttpSender(opts: HttpSenderOptions): RatingSender {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  return async (rating: QueuedRating): Promise<SendResult> => {
    const body: RatingBody = {
      score: rating.score,
      source: 'device',
      ticketId: rating.ticketId,
      pressedAt: rating.pressedAt,
    };
    let response: Response;
    try {
      response = await fetch(ratingsUrl(opts.serverUrl, rating.hallId, rating.windowId), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${opts.deviceToken}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (err) {
      return { kind: 'retry', reason: describeFetchError(err) };
    }
    const status = response.status;
    const text = await response.text().catch(() => '');
    if (status >= 200 && status < 300) return { kind: 'accepted', status };
    const error = parseError(text);
    if (status === 409 && error?.code === 'already_rated') return { kind: 'duplicate', status };
    if (status === 408 || status === 429) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
      return retryAfterMs === undefined
        ? { kind: 'retry', status, reason: error?.code ?? `http_${status}` }
        : { kind: 'retry', status, reason: error?.code ?? `http_${status}`, retryAfterMs };
    }
    if (status >= 400 && status < 500) {
      return {
        kind: 'rejected',
        status,
        code: error?.code ?? `http_${status}`,
        message: error?.message ?? text.slice(0, 200),
      };
    }
    return { kind: 'retry', status, reason: error?.code ?? `http_${status}` };
  };
}

function parseError(text: string): { code: string; message: string } | undefined {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    return parsed.success
      ? { code: parsed.data.error.code, message: parsed.data.error.message ?? '' }
      : undefined;
  } catch {
    return undefined;
  }
}

function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** fetch hides the useful part (ECONNREFUSED, timeout) in `cause`. */
function describeFetchError(err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timeout';
    const cause = (err as Error & { cause?: unknown }).cause;
    if (cause instanceof Error) {
      const code = (cause as NodeJS.ErrnoException).code;
      return code ? `${code} ${cause.message}` : cause.message;
    }
    return err.message;
  }
  return String(err);
}
