import type { Attendance, CaseList, Ranking, Report, ReportBy } from '@hall/protocol';
import { ApiFailure, request } from '../api';
import type { Lang } from '../i18n';

const hallPath = (hallId: string) => `/halls/${encodeURIComponent(hallId)}`;
const query = (q: Record<string, string | number | undefined>) =>
  new URLSearchParams(
    Object.entries(q)
      .filter((e): e is [string, string | number] => e[1] !== undefined && e[1] !== '')
      .map(([k, v]) => [k, String(v)]),
  ).toString();

/** The reports area's calls (GET /reports, /cases, /ranking, /attendance). */
export const reportsApi = {
  report: (hallId: string, from: string, to: string, by: ReportBy, token: string, lang: Lang) =>
    request<Report>('GET', `${hallPath(hallId)}/reports?${query({ from, to, by })}`, {
      token,
      lang,
    }).then((r) => r.body),
  cases: (
    hallId: string,
    q: { date: string; number?: string; page: number; pageSize: number },
    token: string,
    lang: Lang,
  ) =>
    request<CaseList>('GET', `${hallPath(hallId)}/cases?${query(q)}`, { token, lang }).then(
      (r) => r.body,
    ),
  ranking: (hallId: string, month: string, token: string, lang: Lang) =>
    request<Ranking>('GET', `${hallPath(hallId)}/ranking?${query({ month })}`, {
      token,
      lang,
    }).then((r) => r.body),
  attendance: (hallId: string, from: string, to: string, token: string, lang: Lang) =>
    request<Attendance>('GET', `${hallPath(hallId)}/attendance?${query({ from, to })}`, {
      token,
      lang,
    }).then((r) => r.body),
  /** Downloads an export (xlsx or csv) with the session's token, as the browser's own download. */
  download: async (
    hallId: string,
    path: 'reports' | 'cases' | 'attendance' | 'ranking',
    q: Record<string, string | number | undefined>,
    token: string,
    lang: Lang,
  ): Promise<void> => {
    const res = await fetch(`/api/v1${hallPath(hallId)}/${path}?${query(q)}`, {
      headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
    });
    if (!res.ok) throw new ApiFailure('http_error', res.statusText, res.status);
    const name = /filename="?([^";]+)"?/.exec(res.headers.get('content-disposition') ?? '')?.[1];
    const url = URL.createObjectURL(await res.blob());
    const a = document.createElement('a');
    a.href = url;
    a.download = name ?? `${path}.xlsx`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
};
