import type {
  DeviceSelf,
  ErrorBody,
  HallSnapshot,
  IssueTicketBody,
  Rating,
  Ticket,
  TicketContactBody,
} from '@hall/protocol';
import type { Lang } from './i18n';

/** A request that failed: the API's named error, or `network` when the server was not reached. */
export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly opensAt?: string,
    /** appointment_too_early: when check-in opens. */
    readonly comeBackAt?: string,
  ) {
    super(message);
  }
}

/** A request the server does not answer in this time counts as the server being unreachable. */
const TIMEOUT_MS = 8000;

/** The server answers but its store cannot serve now (503: Redis down, frozen or refusing writes). */
export const storeUnavailable = (code: string): boolean =>
  code === 'unavailable' || code.startsWith('store_');

async function request<T>(
  path: string,
  lang: Lang,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { 'accept-language': lang };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, {
      method: init.method ?? 'GET',
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
    });
  } catch (err) {
    throw new ApiFailure('network', 0, String(err));
  }
  const text = await res.text().catch(() => '');
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    // a proxy's HTML error page: the server behind it is not answering
  }
  if (!res.ok) {
    const e = (parsed as Partial<ErrorBody> | undefined)?.error;
    if (!e)
      throw new ApiFailure(res.status >= 500 ? 'network' : 'invalid_request', res.status, text);
    throw new ApiFailure(e.code, res.status, e.message, e.opensAt, e.comeBackAt);
  }
  return parsed as T;
}

export const getHall = (hallId: string, lang: Lang) =>
  request<HallSnapshot>(`/halls/${encodeURIComponent(hallId)}`, lang);

/** The phone page's ticket, read with the key of its link (`?k=` of the QR code). */
export const getTicket = (ticketId: string, key: string, lang: Lang) =>
  request<Ticket>(`/tickets/${encodeURIComponent(ticketId)}?k=${encodeURIComponent(key)}`, lang);

/** The key of a ticket's phone link, which the server hands only to those who hold it. */
const phoneKey = (ticket: Ticket): string | undefined =>
  ticket.phoneUrl ? (new URL(ticket.phoneUrl).searchParams.get('k') ?? undefined) : undefined;

/** A ticket for a service, or an appointment's check-in (its code or booking phone). */
export const issueTicket = (hallId: string, token: string, body: IssueTicketBody, lang: Lang) =>
  request<Ticket>(`/halls/${encodeURIComponent(hallId)}/tickets`, lang, {
    method: 'POST',
    body,
    token,
  });

/** The resident's phone for SMS about a ticket, sent only with the consent ticked. */
export const saveContact = (
  hallId: string,
  token: string,
  ticketId: string,
  phone: string,
  lang: Lang,
) =>
  request<{ ticketId: string; consent: boolean; phone?: string }>(
    `/halls/${encodeURIComponent(hallId)}/tickets/${encodeURIComponent(ticketId)}/contact`,
    lang,
    { method: 'POST', body: { phone, consent: true } satisfies TicketContactBody, token },
  );

export const rateFromPhone = (ticket: Ticket, windowId: string, score: number, lang: Lang) =>
  request<Rating>(
    `/halls/${encodeURIComponent(ticket.hallId)}/windows/${encodeURIComponent(windowId)}/ratings`,
    lang,
    {
      method: 'POST',
      body: { score, source: 'mobile', ticketId: ticket.id, key: phoneKey(ticket) },
    },
  );

/** The kiosk's own token, checked on start-up: 401 not configured, 403 device_disabled. */
export const checkDevice = (token: string, lang: Lang) =>
  request<DeviceSelf>('/devices/me', lang, { token });
