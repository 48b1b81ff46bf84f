import { ApiError, isErrorCode } from '../errors.js';

/** A flat [field, value, …] reply (HGETALL inside a script) as a record. */
export function toRecord(flat: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(flat)) return out;
  for (let i = 0; i + 1 < flat.length; i += 2) out[String(flat[i])] = String(flat[i + 1]);
  return out;
}

/** A script's reply, or the ApiError its {'ERR', code} stands for. */
export function check(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw new Error('unexpected script reply');
  if (reply[0] === 'ERR') {
    const code = String(reply[1]);
    throw new ApiError(isErrorCode(code) ? code : 'internal_error');
  }
  return reply;
}
