import { errorMessages, type ErrorCode } from '@hall/protocol';

/** A failure the API reports with its documented status and stable code. */
export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    readonly details: { field?: string; opensAt?: string; message?: string } = {},
  ) {
    super(details.message ?? errorMessages[code].en);
    this.status = errorMessages[code].status;
  }
}

export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorMessages, code);
}
