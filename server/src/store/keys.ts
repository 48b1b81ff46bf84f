/**
 * Every Redis key of a hall, in one place. All share the hash tag {hall:ID} so a
 * hall's scripts touch one cluster slot. Lua scripts build some keys from the same
 * prefix, mirroring the names here: includes/common.lua tkey (ticket), pjkey (printJob),
 * deskCount (clerkDay) and hallKey (seq, dayNumbers, dayTickets, request, ticketRate,
 * lane, window, service, printer, printerJobs, appointment: the keys issue-ticket.lua
 * builds). Keep the two in step; store/issue-ticket.test.ts checks that they agree.
 */
export type LaneName = 'front' | 'appointment' | 'green' | 'normal';
/** A service's lanes in the order the lane sizes are read (issue-ticket, read-hall). */
export const SERVICE_LANES: readonly LaneName[] = ['front', 'appointment', 'green', 'normal'];

const keysOfHall = new Map<string, ReturnType<typeof buildHallKeys>>();

/**
 * The keys of one hall. Built once per hall and kept (a request asks for them several
 * times; building them is ~50 strings and closures). At most 256 halls are kept, so ids
 * taken from URLs cannot grow the map without bound; others are built each time.
 */
export function hallKeys(hallId: string): ReturnType<typeof buildHallKeys> {
  const known = keysOfHall.get(hallId);
  if (known) return known;
  const keys = buildHallKeys(hallId);
  if (keysOfHall.size < 256) keysOfHall.set(hallId, keys);
  return keys;
}

function buildHallKeys(hallId: string) {
  const p = `{hall:${hallId}}:`;
  return {
    prefix: p,
    events: `${p}events`,
    /** Events before this id may be trimmed (roll-over-day.lua builds the same name). */
    eventsTrimmedBefore: `${p}events:trimmed-before`,
    seq: `${p}seq`,
    dayNumbers: (day: string) => `${p}day:${day}:num`,
    dayTickets: (day: string) => `${p}day:${day}:tickets`,
    dayRolled: (day: string) => `${p}day:${day}:rolled`,
    request: (deviceId: string, requestId: string) => `${p}req:${deviceId}:${requestId}`,
    /** Ticket requests of one kiosk or clerk in the current minute (issue-ticket.lua). */
    ticketRate: (caller: string) => `${p}rl:tickets:${caller}`,
    /** Check-in lookups (code or phone) of one kiosk or clerk in the current minute (appointments/check-in.ts). */
    checkInRate: (caller: string) => `${p}rl:checkin:${caller}`,
    ticket: (ticketId: string) => `${p}t:${ticketId}`,
    lanePrefix: (serviceId: string) => `${p}q:${serviceId}:`,
    lane: (serviceId: string, lane: LaneName) => `${p}q:${serviceId}:${lane}`,
    windowLane: (windowId: string) => `${p}wq:${windowId}`,
    window: (windowId: string) => `${p}w:${windowId}`,
    service: (serviceId: string) => `${p}svc:${serviceId}`,
    clerk: (clerkId: string) => `${p}clerk:${clerkId}`,
    /**
     * The clerk's own counts of a day (GET /staff/me): served, serviceMs, timed, noShows,
     * s1..s5 (ratings by score), lastId (the ticket finished last). Lua builds the same name
     * (includes/common.lua: deskCount).
     */
    clerkDay: (day: string, clerkId: string) => `${p}clerkday:${day}:${clerkId}`,
    /** Rating counts, fields `<day>:<clerkId>:offered|rated|bad|scoreSum` (finish.lua, rate.lua). */
    ratingStats: `${p}rstats`,
    /** A follow-up (回访) task, keyed by the rated ticket's id; Lua builds the same name. */
    followUp: (id: string) => `${p}fu:${id}`,
    /** Every follow-up by creation time. */
    followUps: `${p}fu:all`,
    /** Open follow-ups not yet escalated, by due time. */
    followUpsDue: `${p}fu:due`,
    /** Tickets rated badly whose follow-up is not created yet (the job's to-do list). */
    followUpsPending: `${p}fu:pending`,
    /** When the clerk last used the window's console (idle sign-out). */
    windowPresence: (windowId: string) => `${p}w:${windowId}:presence`,
    /** A print job's state; Lua builds the same name (printer-status.lua). */
    printJob: (jobId: string) => `${p}pj:${jobId}`,
    printer: (printerId: string) => `${p}printer:${printerId}`,
    /**
     * A printer's unfinished jobs by queue time (zset, oldest first): the agent path reads it,
     * and its name is also the channel that wakes that path (PUBLISH in the scripts that add).
     */
    printerJobs: (printerId: string) => `${p}printer:${printerId}:jobs`,
    /** The supervisors' rolling notices: id -> JSON (notice-update.lua). */
    notices: `${p}notices`,
    /** Reports (server/src/reports): the last event id folded into the history. */
    reportCursor: `${p}rep:cursor`,
    /** Reports: which clerk is signed in at each window, as the folded events tell it (JSON). */
    reportWindowClerks: `${p}rep:wclerk`,
    /**
     * Reports: one day's aggregates of one breakdown (dim h, s, w or c: hall, service, window,
     * clerk), fields `<key>|<figure>`; the day is the hall-local business day of the ticket.
     */
    reportDay: (day: string, dim: string) => `${p}rep:agg:${day}:${dim}`,
    /** Reports: the same aggregates summed over a month (YYYY-MM), so long periods read few keys. */
    reportMonth: (month: string, dim: string) => `${p}rep:aggm:${month}:${dim}`,
    /** Reports: the ticket ids of a business day, in order of issue (the ledger's index). */
    reportDayCases: (day: string) => `${p}rep:cases:${day}`,
    /** Reports: sign-ins, sign-outs and pauses of a day, JSON per entry (attendance). */
    reportDayAttendance: (day: string) => `${p}rep:att:${day}`,
    /** Reports: days whose case records are not packed yet -> count of cases. */
    reportCaseDays: `${p}rep:case-days`,
    /** Reports: a finished day's case records packed into one value (gzip JSON lines). */
    reportDayPacked: (day: string) => `${p}rep:packed:${day}`,
    /** Reports: one ticket's case record (JSON). */
    reportCase: (ticketId: string) => `${p}rep:case:${ticketId}`,
    /** Reports: the last event id written to a daily archive file. */
    reportArchiveCursor: `${p}rep:archive:cursor`,
    /** Reports: archived day -> the last event id in its file. */
    reportArchivedDays: `${p}rep:archive:days`,
    /** Reports: one node archives at a time. */
    reportArchiveLock: `${p}rep:archive:lock`,
    /** Reports: every key of the history starts with this (rebuild deletes them). */
    reportPrefix: `${p}rep:`,
    /** Alerts (server/src/alerts): the last event id folded into the causes below. */
    alertCursor: `${p}al:cursor`,
    /** Each running cause's next deadline (yellow, then red), by cause key. */
    alertDue: `${p}al:due`,
    /** A running cause (a ticket waiting, a window paused …); Lua builds the same name. */
    alertCause: (cause: string) => `${p}al:c:${cause}`,
    /** An alert with its history; Lua builds the same name. */
    alert: (alertId: string) => `${p}al:a:${alertId}`,
    alertSeq: `${p}al:seq`,
    /** Open alerts by the time they were raised or last escalated. */
    alertsOpen: `${p}al:open`,
    /** Alerts raised on a business day; Lua builds the same name. */
    alertsOfDay: (day: string) => `${p}al:day:${day}`,
    /** The secret phone-link keys are derived from (server/src/tickets/phone-links.ts). */
    phoneSecret: `${p}phone-secret`,
    /** Tickets holding a resident's phone number, by when it must be removed (tickets/phone-retention.ts). */
    phones: `${p}phones`,
    /** An appointment (预约) by its code (appointments/lua). */
    appointment: (code: string) => `${p}ap:${code}`,
    /** A day's appointments: code -> slot start ms (every status). */
    appointmentDay: (day: string) => `${p}ap:day:${day}`,
    /** A day's booked counts: `<serviceId>|<slotMs>`, and `after|<clerkId>|<slotMs>` for 预约延时服务. */
    appointmentCounts: (day: string) => `${p}ap:day:${day}:n`,
    /** A day's phone index: phone -> codes booked with it, comma-separated (check-in by phone). */
    appointmentPhones: (day: string) => `${p}ap:day:${day}:ph`,
    /** Appointments holding a phone, by slot end ms (tickets/phone-retention.ts removes the numbers). */
    appointmentPhoneEnds: `${p}ap:phones`,
    /** Closed days and slots: `<day>|<serviceId or *>|<slotMs or *>` -> 1. */
    appointmentClosures: `${p}ap:closed`,
    /** A ticket's notification contact: phone and consent (notifications/lua). */
    contact: (ticketId: string) => `${p}ct:${ticketId}`,
    /** Tickets with a consented contact, by issue time (the notifier's list to watch). */
    contacts: `${p}ct:all`,
    /** A notification was sent (the sent marker), by notification id. */
    notificationSent: (id: string) => `${p}nt:sent:${id}`,
    /** The notifier's place in the event stream. */
    notifierCursor: `${p}nt:cursor`,
    /**
     * The hall's configuration (server/src/hall-admin): hash of version, json (the hall file's
     * schema, secrets as hashes), retired (services still served until their queue is empty),
     * at, by. Its name is also the channel a change is announced on (config-replace-4.lua).
     */
    config: `${p}config`,
    /** The audit log of configuration changes, with their redacted diffs (a stream). */
    audit: `${p}audit`,
    /** A staff member's photo for 挂牌上岗: hash of type, data, etag. */
    staffPhoto: (staffId: string) => `${p}photo:${staffId}`,
  };
}
export type HallKeys = ReturnType<typeof hallKeys>;

/** The hall a ticket id belongs to: ids are `<hallId>.<random>`. */
export function hallOfTicket(ticketId: string): string | null {
  const dot = ticketId.indexOf('.');
  return dot > 0 ? ticketId.slice(0, dot) : null;
}

/** Keys not of one hall: staff sessions and the login guard (server/src/auth, api/rate-limits.ts). */
export const authKeys = {
  /**
   * A staff session, by a digest of its token (the token itself is never stored). Sessions and
   * their per-person index share the hash tag {sessions}: one slot, so a Redis Cluster takes the
   * MULTI that writes both.
   */
  session: (digest: string) => `{sessions}:s:${digest}`,
  /** The digests of one staff member's sessions, so a supervisor can end them all. */
  userSessions: (hallId: string, userId: string) => `{sessions}:u:${hallId}:${userId}`,
  /** The login guard's keys are per installation (`ns`: a digest of the halls it serves). */
  loginUserLimit: (ns: string) => `rl:${ns}:login:user`,
  loginAddressLimit: (ns: string) => `rl:${ns}:login:addr`,
  /** One user's failures and gate share a hash tag: a successful login clears both in one DEL. */
  loginFailures: (ns: string, user: string) => `{login:${ns}:${user}}:fail`,
  loginGate: (ns: string, user: string) => `{login:${ns}:${user}}:gate`,
  ratingAddressLimit: (ns: string) => `rl:${ns}:rating:addr`,
  /** What /readyz writes to learn that Redis takes writes. */
  readyProbe: 'readyz:probe',
  /** A staff member's password hash upgraded at login, for the hash in the hall file it replaces. */
  rehash: (hallId: string, userId: string) => `pwhash:${hallId}:${userId}`,
};
