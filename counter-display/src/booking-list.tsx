import type { Appointment, AppointmentDay, HallSnapshot } from '@hall/protocol';
import { useContext } from 'react';
import { groupCode, useBookingTexts } from './booking-i18n';
import { LangContext } from './i18n';
import { hallTime } from './supervisor-format';

/** The day's bookings by time, with who to call back and a cancel button while still booked. */
export function BookingList(props: {
  hall: HallSnapshot;
  day: AppointmentDay | null;
  onCancel: (a: Appointment) => void;
}) {
  const t = useBookingTexts();
  const lang = useContext(LangContext);
  const list = [...(props.day?.appointments ?? [])].sort((a, b) =>
    a.slotStart.localeCompare(b.slotStart),
  );
  return (
    <section className="card booking-list" aria-labelledby="booking-list-title">
      <h2 id="booking-list-title">{t.dayList(props.day?.date ?? '')}</h2>
      {list.length === 0 ? (
        <p className="muted">{t.noBookings}</p>
      ) : (
        <table data-testid="booking-list">
          <tbody>
            {list.map((a) => (
              <tr key={a.code} className={a.status === 'booked' ? '' : 'booking-inactive'}>
                <td>{hallTime(a.slotStart, props.hall.timeZone, lang)}</td>
                <td>
                  {a.serviceName}
                  {a.kind === 'after_hours' && (
                    <span className="mark booking-mark">{t.kindAfterHours}</span>
                  )}
                </td>
                <td className="booking-code-cell">{groupCode(a.code)}</td>
                <td>
                  {a.name ?? ''}
                  {a.phone && <span className="small muted"> {a.phone}</span>}
                </td>
                <td data-testid={`booking-status-${a.code}`}>
                  {t.status[a.status]}
                  {a.checkedInAt && ` ${hallTime(a.checkedInAt, props.hall.timeZone, lang)}`}
                  {a.checkIn === 'late' && t.checkedInLate}
                </td>
                <td>
                  {a.status === 'booked' && (
                    <button
                      type="button"
                      className="small-button"
                      aria-label={`${t.cancel} ${a.code}`}
                      onClick={() => props.onCancel(a)}
                    >
                      {t.cancel}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
