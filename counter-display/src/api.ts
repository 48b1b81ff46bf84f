import type {
  ClerkDesk,
  HallSnapshot,
  PrintNoticeResult,
  PublicWindow,
  Ticket,
  User,
} from '@hall/protocol';
import type { Lang } from './i18n';

/** A failed request: the API's named code and message, or `network` when the server was not reached. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 0,
    /** The error's `details` (e.g. each bad field of `invalid_config`), when it has any. */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** One API call with the session's token and language; a non-2xx answer throws ApiFailure. */
export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  o: { token?: string | null; body?: unknown; lang: Lang; headers?: Record<string, string> },
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = { ...o.headers, 'accept-language': o.lang };
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  if (o.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method,
      headers,
      ...(o.body !== undefined ? { body: JSON.stringify(o.body) } : {}),
      // a server (or its Redis) that does not answer counts as unreachable, not as a hang
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new ApiFailure('network', o.lang === 'en' ? 'Network error' : '网络连接失败');
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!res.ok) {
    const err = (
      body as { error?: { code?: string; message?: string; details?: unknown } } | undefined
    )?.error;
    throw new ApiFailure(
      err?.code ?? 'http_error',
      err?.message ?? res.statusText,
      res.status,
      err?.details,
    );
  }
  return { status: res.status, body: body as T };
}

interface LoginBody {
  token: string;
  user: User;
  hallId?: string;
  /** The password was set by an administrator: the person must choose their own first. */
  mustChangePassword?: boolean;
}

export const api = {
  login: (username: string, password: string, hallId: string | null, lang: Lang) =>
    request<LoginBody>('POST', '/auth/login', {
      lang,
      body: { username, password, ...(hallId ? { hallId } : {}) },
    }).then((r) => r.body),
  /** Ends the session on the server (退出登录): the token is refused from then on. */
  logout: (token: string) =>
    request<undefined>('POST', '/auth/logout', { token, lang: 'zh' }).then(() => undefined),
  hall: (hallId: string, lang: Lang) =>
    request<HallSnapshot>('GET', `/halls/${encodeURIComponent(hallId)}`, { lang }).then(
      (r) => r.body,
    ),
  ticket: (ticketId: string, lang: Lang) =>
    request<Ticket>('GET', `/tickets/${encodeURIComponent(ticketId)}`, { lang }).then(
      (r) => r.body,
    ),
  desk: (hallId: string, token: string, lang: Lang) =>
    request<ClerkDesk>('GET', `/halls/${encodeURIComponent(hallId)}/staff/me`, {
      token,
      lang,
    }).then((r) => r.body),
  upcoming: (hallId: string, windowId: string, token: string, lang: Lang) =>
    request<{ tickets: Ticket[] }>(
      'GET',
      `/halls/${encodeURIComponent(hallId)}/windows/${encodeURIComponent(windowId)}/upcoming`,
      { token, lang },
    ).then((r) => r.body.tickets),
  /** A window action (open, call-next, finish …); 204 (nobody waiting) gives null. */
  windowAction: <T = Ticket | PublicWindow>(
    hallId: string,
    windowId: string,
    action: string,
    token: string,
    lang: Lang,
    body?: unknown,
  ) =>
    request<T>(
      'POST',
      `/halls/${encodeURIComponent(hallId)}/windows/${encodeURIComponent(windowId)}/${action}`,
      { token, lang, ...(body !== undefined ? { body } : {}) },
    ).then((r) => (r.status === 204 ? null : r.body)),
  /** The on-screen evaluator (a tablet at the window) rates the ticket it was shown. */
  rate: (
    hallId: string,
    windowId: string,
    ticketId: string,
    score: number,
    token: string | null,
    lang: Lang,
  ) =>
    request<unknown>(
      'POST',
      `/halls/${encodeURIComponent(hallId)}/windows/${encodeURIComponent(windowId)}/ratings`,
      { token, lang, body: { score, source: 'screen', ...(ticketId ? { ticketId } : {}) } },
    ).then((r) => r.body),
  printNotice: (
    hallId: string,
    ticketId: string,
    windowId: string,
    missingMaterials: string[],
    token: string,
    lang: Lang,
  ) =>
    request<PrintNoticeResult>(
      'POST',
      `/halls/${encodeURIComponent(hallId)}/tickets/${encodeURIComponent(ticketId)}/notice`,
      { token, lang, body: { windowId, missingMaterials } },
    ).then((r) => r.body),
};
