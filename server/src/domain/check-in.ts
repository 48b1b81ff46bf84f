/** What the kiosk needs to know of an appointment to check it in. */
export interface CheckInAppointment {
  status: 'booked' | 'cancelled' | 'no_show' | 'checked_in';
  slotStartMs: number;
}

export interface CheckInWindow {
  /** Check-in opens this long before the slot starts … */
  checkInEarlyMinutes: number;
  /** … and closes this long after it starts. */
  checkInLateMinutes: number;
}

/**
 * on_time: the ticket gets appointment priority; early: come back at `comeBackAt`; late: the
 * ticket is issued as a normal one (the kiosk says so); used: the code was checked in already;
 * cancelled: the appointment was cancelled.
 */
export type CheckInVerdict =
  | { verdict: 'on_time' }
  | { verdict: 'early'; comeBackAt: number }
  | { verdict: 'late' }
  | { verdict: 'used' }
  | { verdict: 'cancelled' };

/** The instants check-in opens and closes for a slot. */
export function checkInWindow(
  slotStartMs: number,
  w: CheckInWindow,
): { from: number; until: number } {
  return {
    from: slotStartMs - w.checkInEarlyMinutes * 60_000,
    until: slotStartMs + w.checkInLateMinutes * 60_000,
  };
}

/**
 * The verdict of a check-in at `nowMs` (docs/appointments.md). A no-show recorded by the sweep is
 * treated as late: the resident still gets a ticket, without priority. The window is closed at
 * `until` (exactly at it is late) and open at `from`.
 */
export function checkInVerdict(
  appointment: CheckInAppointment,
  nowMs: number,
  w: CheckInWindow,
): CheckInVerdict {
  switch (appointment.status) {
    case 'checked_in':
      return { verdict: 'used' };
    case 'cancelled':
      return { verdict: 'cancelled' };
    case 'no_show':
      return { verdict: 'late' };
    case 'booked': {
      const { from, until } = checkInWindow(appointment.slotStartMs, w);
      if (nowMs < from) return { verdict: 'early', comeBackAt: from };
      if (nowMs >= until) return { verdict: 'late' };
      return { verdict: 'on_time' };
    }
  }
}
