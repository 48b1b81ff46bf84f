import {
  CallChosenBody,
  FinishBody,
  HallSnapshot,
  IssueTicketBody,
  PauseBody,
  PublicWindow,
  RequeueBody,
  Slug,
  Ticket,
  TransferBody,
} from '@hall/protocol';
import { z } from 'zod';
import { alertRoutes } from '../alerts/alert-routes.js';
import type { Alerts } from '../alerts/alert-service.js';
import type { Authenticator } from '../auth/authenticator.js';
import { authRoutes } from '../auth/auth-routes.js';
import { appointmentRoutes } from '../appointments/appointment-routes.js';
import type { AppointmentService } from '../appointments/appointment-service.js';
import { contactRoutes } from '../notifications/contact-routes.js';
import type { ContactStore } from '../notifications/contact-store.js';
import type { Principal } from '../auth/principal.js';
import { withoutTicketIds, type Lang } from '../halls/presenter.js';
import { ApiError } from '../errors.js';
import type { HallService } from '../halls/hall-service.js';
import { printRoutes } from '../printing/print-routes.js';
import { noticeRoutes } from '../notices/notice-routes.js';
import type { NoticeService } from '../notices/notice-service.js';
import type { CounterService } from '../halls/counter-service.js';
import { deviceRoutes } from '../devices/device-routes.js';
import { counterRoutes } from './counter-routes.js';
import { staffRoutes } from './staff-routes.js';
import type { PrintService } from '../printing/print-service.js';
import type { FollowUps } from '../ratings/follow-ups.js';
import { ratingRoutes } from '../ratings/rating-routes.js';
import { reportRoutes } from '../reports/report-routes.js';
import type { ReportService } from '../reports/report-service.js';
import { rateRoute } from '../ratings/rate-route.js';
import { ticketRoutes } from '../tickets/ticket-routes.js';
import { withoutPhoneLink, type PhoneLinks } from '../tickets/phone-links.js';
import type { PhoneRetention } from '../tickets/phone-retention.js';
import { issueTicket } from '../tickets/issue-ticket.js';
import { upcoming } from '../tickets/upcoming.js';
import type { RateLimits } from './rate-limits.js';
import { defineRoute, type RouteDef } from './route.js';
import { calendarRoute } from '../hall-admin/calendar-route.js';
import { configRoutes } from '../hall-admin/config-routes.js';
import type { HolidayCalendar } from '../domain/calendar.js';
import type { ConfigService } from '../hall-admin/config-service.js';
import type { DeviceAdmin } from '../hall-admin/device-admin.js';
import { staffAdminRoutes } from '../hall-admin/staff-admin-routes.js';
import type { StaffAdmin } from '../hall-admin/staff-admin.js';

export interface RouteDeps {
  halls: Map<string, HallService>;
  auth: Authenticator;
  limits: RateLimits;
  printing?: PrintService | null;
  /** The counter console's A/B handover, presence and desk (server/src/halls/counter-service.ts). */
  counter?: CounterService | null;
  /** The hall screen's rolling notices (server/src/notices). */
  notices?: NoticeService | null;
  /** Bad-rating follow-ups (回访) and per clerk rating counts (server/src/ratings). */
  followUps?: FollowUps | null;
  /** Reports, the ledger, ranking and attendance per hall (server/src/reports). */
  reports?: Map<string, ReportService> | null;
  /** Alerts (time limits, 空岗, 脱岗, bad ratings) and the board's timers (server/src/alerts). */
  alerts?: Alerts | null;
  /** Phone-link keys: the resident's proof of holding a ticket (server/src/tickets). */
  phoneLinks: PhoneLinks;
  /** Removes residents' phone numbers when their time is up (server/src/tickets). */
  phones?: PhoneRetention | null;
  /** Appointment slots and bookings (server/src/appointments). */
  appointments?: AppointmentService | null;
  /** Notification contacts of tickets (server/src/notifications). */
  contacts?: ContactStore | null;
  /** The hall's configuration, staff and devices (server/src/hall-admin). */
  hallAdmin?: HallAdmin | null;
}

/** The configuration API's services (server/src/hall-admin). */
export interface HallAdmin {
  config: ConfigService;
  staff: StaffAdmin;
  devices: DeviceAdmin;
  now: () => number;
  /** The holiday calendar the hall's schedule uses. */
  calendar: HolidayCalendar;
}

const HallParams = z.object({
  hallId: Slug.meta({ param: { description: 'hall id, e.g. demo' } }),
});
const WindowParams = HallParams.extend({
  windowId: Slug.meta({ param: { description: 'window id, e.g. 3' } }),
});
const Empty = z.object({}).strict().optional();

interface WindowCtx<B> {
  params: z.infer<typeof WindowParams>;
  principal: Principal;
  lang: Lang;
  body: B;
}

const windowActionErrors = [
  'unauthorized',
  'forbidden',
  'hall_not_found',
  'window_not_found',
  'window_not_open',
] as const;

/** Every endpoint of API v1, in one list. */
export function routes({
  halls,
  auth,
  limits,
  printing,
  counter,
  notices,
  followUps,
  reports,
  alerts,
  phoneLinks,
  phones,
  appointments,
  contacts,
  hallAdmin,
}: RouteDeps): RouteDef[] {
  const hall = (hallId: string): HallService => {
    const h = halls.get(hallId);
    if (!h) throw new ApiError('hall_not_found');
    return h;
  };

  const windowAction = <B extends z.ZodType = typeof Empty>(
    path: string,
    summary: string,
    errors: RouteDef['errors'],
    run: (h: HallService, ctx: WindowCtx<z.infer<B>>) => Promise<unknown>,
    body?: B,
    response: z.ZodType = Ticket,
  ): RouteDef =>
    defineRoute({
      method: 'post',
      path: `/halls/{hallId}/windows/{windowId}/${path}`,
      summary,
      tags: ['windows'],
      access: 'staff',
      params: WindowParams,
      body: (body ?? Empty) as B,
      responses: { 200: { description: 'OK', schema: response } },
      errors: [...windowActionErrors, ...errors],
      handler: async ({ params, body: parsed, principal, lang }) => {
        if (!principal) throw new ApiError('unauthorized');
        return {
          status: 200,
          body: withoutPhoneLink(
            await run(hall(params.hallId), { params, principal, lang, body: parsed }),
          ),
        };
      },
    });

  return [
    ...authRoutes(hall, auth, limits),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}',
      summary:
        'Public snapshot of a hall: services, windows, notices (ticket ids only with a token of the hall)',
      tags: ['halls'],
      access: 'optional',
      params: HallParams,
      responses: { 200: { description: 'the hall now', schema: HallSnapshot } },
      errors: ['hall_not_found'],
      handler: async ({ params, lang, principal }) => {
        const snapshot = await hall(params.hallId).snapshot(lang);
        return { status: 200, body: principal ? snapshot : withoutTicketIds(snapshot) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/tickets',
      summary:
        'Issue a ticket (kiosk device or staff); a repeated requestId returns the first ticket',
      tags: ['tickets'],
      access: 'kiosk_or_staff',
      params: HallParams,
      body: IssueTicketBody,
      responses: {
        201: { description: 'issued', schema: Ticket },
        200: { description: 'the ticket this requestId already got', schema: Ticket },
      },
      errors: [
        'invalid_request',
        'unauthorized',
        'forbidden',
        'hall_not_found',
        'service_not_found',
        'service_closed',
        'quota_exhausted',
        'rate_limited',
      ],
      handler: async ({ params, body, principal, lang }) => {
        if (!principal) throw new ApiError('unauthorized');
        // the rate limit is checked by the issue script itself (one round trip)
        const { ticket, duplicate } = await issueTicket(hall(params.hallId), principal, body, lang);
        if (body.phone !== undefined && !duplicate) await phones?.noted(ticket.hallId, ticket.id);
        return { status: duplicate ? 200 : 201, body: ticket };
      },
    }),
    ...ticketRoutes(halls, phoneLinks),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/windows/{windowId}/upcoming',
      summary: 'The tickets this window will call, in order, each with why',
      tags: ['windows'],
      access: 'staff',
      params: WindowParams,
      responses: {
        200: { description: 'next tickets', schema: z.object({ tickets: z.array(Ticket) }) },
      },
      errors: ['unauthorized', 'forbidden', 'hall_not_found', 'window_not_found'],
      handler: async ({ params, lang }) => ({
        status: 200,
        body: {
          tickets: (await upcoming(hall(params.hallId), params.windowId, 20, lang)).map(
            withoutPhoneLink,
          ),
        },
      }),
    }),
    windowAction(
      'open',
      'Sign in at the window',
      ['window_taken', 'clerk_elsewhere'],
      (h, c) => h.openWindow(c.principal, c.params.windowId, c.lang),
      undefined,
      PublicWindow,
    ),
    windowAction(
      'close',
      'Sign out of the window',
      ['window_busy'],
      (h, c) => h.closeWindow(c.principal, c.params.windowId, c.lang),
      undefined,
      PublicWindow,
    ),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/windows/{windowId}/call-next',
      summary:
        "Call the next ticket by the hall's rules; the ticket carries the reason it was chosen",
      tags: ['windows'],
      access: 'staff',
      params: WindowParams,
      body: Empty,
      responses: {
        200: { description: 'the called ticket', schema: Ticket },
        204: { description: 'nobody waits' },
      },
      errors: [...windowActionErrors, 'window_paused', 'window_busy'],
      handler: async ({ params, principal, lang }) => {
        if (!principal) throw new ApiError('unauthorized');
        const ticket = await hall(params.hallId).callNext(principal, params.windowId, lang);
        return ticket ? { status: 200, body: withoutPhoneLink(ticket) } : { status: 204 };
      },
    }),
    windowAction(
      'call',
      'Call a chosen waiting ticket out of order (指定叫号), with a reason',
      [
        'invalid_request',
        'ticket_not_found',
        'window_busy',
        'window_paused',
        'not_waiting',
        'not_served_here',
      ],
      (h, c) =>
        h.callChosen(c.principal, c.params.windowId, c.body.ticketId, c.body.reason, c.lang),
      CallChosenBody,
    ),
    windowAction(
      'recall',
      'Call the current ticket again',
      ['nothing_called', 'recall_limit'],
      (h, c) => h.recall(c.principal, c.params.windowId, c.lang),
    ),
    windowAction('start', 'The resident arrived: service starts', ['nothing_called'], (h, c) =>
      h.start(c.principal, c.params.windowId, c.lang),
    ),
    windowAction(
      'finish',
      'Service ends with an outcome; opens the evaluation prompt',
      ['invalid_request', 'nothing_in_service'],
      (h, c) =>
        h.finish(
          c.principal,
          c.params.windowId,
          c.body.outcome,
          c.body.missingMaterials ?? [],
          c.lang,
        ),
      FinishBody,
    ),
    windowAction(
      'no-show',
      'The called resident did not come (过号)',
      ['nothing_called', 'no_show_too_early'],
      (h, c) => h.noShow(c.principal, c.params.windowId, c.lang),
    ),
    windowAction(
      'requeue',
      'Put a missed ticket back in its queue, a configured number of places behind the head',
      ['invalid_request', 'ticket_not_found', 'not_no_show'],
      (h, c) => h.requeue(c.principal, c.params.windowId, c.body.ticketId, c.lang),
      RequeueBody,
    ),
    windowAction(
      'transfer',
      'Hand the current ticket to a service or a window; it goes to the front there',
      ['invalid_request', 'service_not_found', 'nothing_called', 'transfer_to_self'],
      (h, c) => h.transfer(c.principal, c.params.windowId, c.body, c.lang),
      TransferBody,
    ),
    windowAction(
      'pause',
      'Window sign: 请稍候 (brief) or 暂停服务 (closed)',
      ['invalid_request', 'window_busy'],
      (h, c) => h.pauseWindow(c.principal, c.params.windowId, c.body.kind, c.body.note, c.lang),
      PauseBody,
      PublicWindow,
    ),
    windowAction(
      'resume',
      'End a pause',
      [],
      (h, c) => h.resumeWindow(c.principal, c.params.windowId, c.lang),
      undefined,
      PublicWindow,
    ),
    rateRoute(hall, phoneLinks, limits),
    ...printRoutes(hall, printing),
    ...counterRoutes(hall, counter),
    ...staffRoutes(hall),
    ...noticeRoutes(hall, notices),
    ...ratingRoutes(hall, followUps),
    ...reportRoutes(reports ?? new Map<string, ReportService>()),
    ...alertRoutes(hall, alerts),
    ...deviceRoutes(),
    ...(appointments ? appointmentRoutes((id) => hall(id).config, appointments) : []),
    ...(contacts ? contactRoutes(contacts) : []),
    ...(hallAdmin
      ? [
          ...configRoutes(hallAdmin.config, reports, hallAdmin.now),
          ...staffAdminRoutes(hallAdmin.staff, hallAdmin.devices),
          calendarRoute(hallAdmin.config, hallAdmin.calendar),
        ]
      : []),
  ];
}
