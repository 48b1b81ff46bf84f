import { errorMessages, type ErrorCode } from '@hall/protocol';

/** A failure the API reports with its documented status and stable code. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details: {
      field?: string;
      opensAt?: string;
      message?: string;
      /** Seconds to wait (429 and 503 send it as Retry-After). */
      retryAfter?: number;
      /** The methods a path takes (405 sends it as Allow). */
      allow?: string;
      /** invalid_config: every bad field with its path. */
      issues?: { path: string; message: string }[];
    } = {},
  ) {
    super(details.message ?? errorMessages[code].en);
    this.status = errorMessages[code].status;
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorMessages, code);
}
