/**
 * Every Redis key of a hall, in one place. All share the hash tag {hall:ID} so a
 * hall's scripts touch one cluster slot. Lua scripts build ticket and clerk keys
 * from the same prefix (includes/common.lua: tkey) — keep the two in step.
 */
export type LaneName = 'front' | 'green' | 'normal';

export function hallKeys(hallId: string) {
  const p = `{hall:${hallId}}:`;
  return {
    prefix: p,
    events: `${p}events`,
    seq: `${p}seq`,
    dayNumbers: (day: string) => `${p}day:${day}:num`,
    dayTickets: (day: string) => `${p}day:${day}:tickets`,
    dayRolled: (day: string) => `${p}day:${day}:rolled`,
    request: (deviceId: string, requestId: string) => `${p}req:${deviceId}:${requestId}`,
    /** Ticket requests of one kiosk or clerk in the current minute (issue-ticket.lua). */
    ticketRate: (caller: string) => `${p}rl:tickets:${caller}`,
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
  };
}
export type HallKeys = ReturnType<typeof hallKeys>;

/** The hall a ticket id belongs to: ids are `<hallId>.<random>`. */
export function hallOfTicket(ticketId: string): string | null {
  const dot = ticketId.indexOf('.');
  return dot > 0 ? ticketId.slice(0, dot) : null;
}
