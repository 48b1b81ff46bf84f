import { ApiError } from '../errors.js';

/**
 * A Redis failure as the API reports it: 503 with a code that says why and a
 * Retry-After, never a 500 (docs/decisions/022-redis-deadlines-and-refusals.md).
 * A refused write (read-only replica, too few replicas, no disk, out of memory)
 * changed nothing: Redis checks these before a script's first write.
 * null: not a Redis failure.
 */
export function storeError(err: unknown): ApiError | null {
  const message = String((err as Error | undefined)?.message ?? err);
  if (/Command timed out/i.test(message)) return new ApiError('store_timeout', { retryAfter: 2 });
  if (/\b(READONLY|NOREPLICAS|MISCONF)\b/.test(message))
    return new ApiError('store_read_only', { retryAfter: 5 });
  if (/\bOOM\b/.test(message)) return new ApiError('store_full', { retryAfter: 30 });
  if (/\bLOADING\b/.test(message)) return new ApiError('store_loading', { retryAfter: 5 });
  if (
    /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|Connection is closed|ENOENT|max retries|Stream isn't writeable|connect/i.test(
      message,
    )
  )
    return new ApiError('unavailable', { retryAfter: 2 });
  return null;
}
