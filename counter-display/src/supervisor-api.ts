import type {
  FollowUp,
  ManagedNotice,
  NoticeBody,
  PrinterState,
  RatingStats,
  User,
} from '@hall/protocol';
import { request } from './api';
import type { Lang } from './i18n';

const hallPath = (hallId: string) => `/halls/${encodeURIComponent(hallId)}`;

/** The supervisor console's calls: staff names, follow-ups, notices, printers, rating counts. */
export const supervisorApi = {
  staff: (hallId: string, token: string, lang: Lang) =>
    request<{ staff: User[] }>('GET', `${hallPath(hallId)}/staff`, { token, lang }).then(
      (r) => r.body.staff,
    ),
  followUps: (hallId: string, token: string, lang: Lang) =>
    request<{ followUps: FollowUp[] }>('GET', `${hallPath(hallId)}/follow-ups`, {
      token,
      lang,
    }).then((r) => r.body.followUps),
  closeFollowUp: (hallId: string, id: string, note: string, token: string, lang: Lang) =>
    request<FollowUp>('POST', `${hallPath(hallId)}/follow-ups/${encodeURIComponent(id)}/close`, {
      token,
      lang,
      body: { note },
    }).then((r) => r.body),
  ratingStats: (hallId: string, day: string, token: string, lang: Lang) =>
    request<RatingStats>('GET', `${hallPath(hallId)}/rating-stats/${encodeURIComponent(day)}`, {
      token,
      lang,
    }).then((r) => r.body),
  notices: (hallId: string, token: string, lang: Lang) =>
    request<{ notices: ManagedNotice[] }>('GET', `${hallPath(hallId)}/notices`, {
      token,
      lang,
    }).then((r) => r.body.notices),
  addNotice: (hallId: string, body: NoticeBody, token: string, lang: Lang) =>
    request<ManagedNotice>('POST', `${hallPath(hallId)}/notices`, { token, lang, body }).then(
      (r) => r.body,
    ),
  expireNotice: (hallId: string, id: string, token: string, lang: Lang) =>
    request<ManagedNotice>('POST', `${hallPath(hallId)}/notices/${encodeURIComponent(id)}/expire`, {
      token,
      lang,
      body: {},
    }).then((r) => r.body),
  /** Ends every login of a staff member (e.g. a clerk who left without logging out). */
  endSessions: (hallId: string, userId: string, token: string, lang: Lang) =>
    request<{ ended: number }>(
      'POST',
      `${hallPath(hallId)}/staff/${encodeURIComponent(userId)}/end-sessions`,
      { token, lang },
    ).then((r) => r.body.ended),
  printers: (hallId: string, lang: Lang) =>
    request<{ printers: PrinterState[] }>('GET', `${hallPath(hallId)}/printers`, { lang }).then(
      (r) => r.body.printers,
    ),
};
