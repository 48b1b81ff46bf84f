import type { Appointment, AppointmentDay, BookAppointmentBody } from '@hall/protocol';
import { request } from './api';
import type { Lang } from './i18n';

const base = (hallId: string) => `/halls/${encodeURIComponent(hallId)}/appointments`;

/** The appointment endpoints the booking page uses. */
export const bookingApi = {
  day: (hallId: string, date: string, token: string, lang: Lang) =>
    request<AppointmentDay>('GET', `${base(hallId)}?date=${encodeURIComponent(date)}`, {
      token,
      lang,
    }).then((r) => r.body),
  book: (hallId: string, body: BookAppointmentBody, token: string, lang: Lang) =>
    request<Appointment>('POST', base(hallId), { token, lang, body }).then((r) => r.body),
  cancel: (hallId: string, code: string, token: string, lang: Lang) =>
    request<Appointment>('DELETE', `${base(hallId)}/${encodeURIComponent(code)}`, {
      token,
      lang,
    }).then((r) => r.body),
};
