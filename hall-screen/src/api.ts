import { ScreenSettings, type HallSnapshot, type Ticket } from '@hall/protocol';
import type { Lang } from './i18n';

export class ApiFailure extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function getJson<T>(path: string, lang: Lang, token?: string): Promise<T> {
  let res: Response;
  const headers: Record<string, string> = { 'accept-language': lang };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    res = await fetch(`/api/v1${path}`, { headers, signal: AbortSignal.timeout(8000) });
  } catch (err) {
    throw new ApiFailure('network', (err as Error).message);
  }
  const body = (await res.json().catch(() => null)) as
    (T & { error?: { code: string; message: string } }) | null;
  if (!res.ok || body === null) {
    throw new ApiFailure(body?.error?.code ?? 'network', body?.error?.message ?? res.statusText);
  }
  return body;
}

/** The public snapshot, in the screen's language. */
export function getHall(hallId: string, lang: Lang): Promise<HallSnapshot> {
  return getJson(`/halls/${encodeURIComponent(hallId)}`, lang);
}

/** The hall's screen settings; the defaults when the server cannot say. */
export async function getScreenSettings(hallId: string, lang: Lang): Promise<ScreenSettings> {
  const raw = await getJson<unknown>(`/halls/${encodeURIComponent(hallId)}/screen`, lang);
  const parsed = ScreenSettings.safeParse(raw);
  return parsed.success ? parsed.data : ScreenSettings.parse({});
}

/** A ticket by its id, with the screen's device token; the screen reads only its call time. */
export function getTicket(ticketId: string, token: string | undefined): Promise<Ticket> {
  return getJson(`/tickets/${encodeURIComponent(ticketId)}`, 'zh', token);
}
