import type { Alert, SupervisionView } from '@hall/protocol';
import { request } from './api';
import type { Lang } from './i18n';

const hallPath = (hallId: string) => `/halls/${encodeURIComponent(hallId)}`;

/** The supervisor's alerts and the board's timers. */
export const alertsApi = {
  open: (hallId: string, token: string, lang: Lang) =>
    request<{ alerts: Alert[] }>('GET', `${hallPath(hallId)}/alerts?state=open`, {
      token,
      lang,
    }).then((r) => r.body.alerts),
  ofDay: (hallId: string, day: string, token: string, lang: Lang) =>
    request<{ alerts: Alert[] }>(
      'GET',
      `${hallPath(hallId)}/alerts?state=all&date=${encodeURIComponent(day)}`,
      { token, lang },
    ).then((r) => r.body.alerts),
  ack: (hallId: string, alertId: string, note: string, token: string, lang: Lang) =>
    request<Alert>('POST', `${hallPath(hallId)}/alerts/${encodeURIComponent(alertId)}/ack`, {
      token,
      lang,
      body: { note },
    }).then((r) => r.body),
  supervision: (hallId: string, token: string, lang: Lang) =>
    request<SupervisionView>('GET', `${hallPath(hallId)}/supervision`, { token, lang }).then(
      (r) => r.body,
    ),
};
