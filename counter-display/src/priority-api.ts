import type { IssueTicketBody, PriorityBody, Ticket } from '@hall/protocol';
import { request } from './api';
import type { Lang } from './i18n';

const hallPath = (hallId: string) => `/halls/${encodeURIComponent(hallId)}`;

/** What staff send to issue a ticket for a resident (绿色通道 with its reason). */
export interface StaffIssue {
  serviceId: string;
  green: boolean;
  reason?: string;
}

/** Staff priority: mark or unmark a waiting ticket as green channel, issue for a resident. */
export const priorityApi = {
  setGreen: (
    hallId: string,
    ticketId: string,
    green: boolean,
    reason: string,
    token: string,
    lang: Lang,
  ) =>
    request<Ticket>(
      'POST',
      `${hallPath(hallId)}/tickets/${encodeURIComponent(ticketId)}/priority`,
      { token, lang, body: { green, reason } satisfies PriorityBody },
    ).then((r) => r.body),
  issue: (hallId: string, issue: StaffIssue, requestId: string, token: string, lang: Lang) =>
    request<Ticket>('POST', `${hallPath(hallId)}/tickets`, {
      token,
      lang,
      body: {
        serviceId: issue.serviceId,
        requestId,
        ...(issue.green ? { green: true, ...(issue.reason ? { reason: issue.reason } : {}) } : {}),
      } satisfies IssueTicketBody,
    }).then((r) => r.body),
};
