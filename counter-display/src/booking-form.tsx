import {
  errorMessages,
  type Appointment,
  type AppointmentDay,
  type BookAppointmentBody,
  type HallSnapshot,
} from '@hall/protocol';
import { useContext, useState, type FormEvent } from 'react';
import { ApiFailure } from './api';
import { bookingApi } from './booking-api';
import { groupCode, useBookingTexts } from './booking-i18n';
import { LangContext } from './i18n';
import type { Session } from './session';
import { hallTime } from './supervisor-format';

/** The form of a phone booking: service, date, a free slot (or an after-hours time), contact. */
export function BookingForm(props: {
  session: Session;
  hall: HallSnapshot;
  date: string;
  day: AppointmentDay | null;
  onDate: (date: string) => void;
  onBooked: (a: Appointment) => void;
}) {
  const t = useBookingTexts();
  const lang = useContext(LangContext);
  const { hall, session, day } = props;
  const [serviceId, setServiceId] = useState(hall.services[0]?.id ?? '');
  const [slot, setSlot] = useState<string | null>(null);
  const [afterHours, setAfterHours] = useState(false);
  const [time, setTime] = useState('12:30');
  const [phone, setPhone] = useState('');
  const [name, setName] = useState('');
  const [consent, setConsent] = useState(false);
  const [busy, setBusy] = useState(false);
  // kept as the API's code, so the message follows a change of language
  const [error, setError] = useState<{ code: string; message: string } | null>(null);
  const [booked, setBooked] = useState<Appointment | null>(null);
  const tz = hall.timeZone;
  const slots = day?.services.find((s) => s.serviceId === serviceId)?.slots ?? [];
  // the hall's offset (+08:00) from the server's own clock reading
  const offset = /[+-]\d\d:\d\d$/.exec(hall.now)?.[0] ?? '+08:00';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const slotStart = afterHours ? `${props.date}T${time}:00${offset}` : slot;
    if (!slotStart || busy) return;
    const body: BookAppointmentBody = { serviceId, slotStart };
    if (afterHours) {
      body.kind = 'after_hours';
      body.clerkId = session.user.id;
    }
    if (phone.trim()) {
      body.phone = phone.trim();
      body.notifyConsent = consent;
    }
    if (name.trim()) body.name = name.trim();
    setBusy(true);
    setError(null);
    try {
      const a = await bookingApi.book(session.hallId, body, session.token, lang);
      setBooked(a);
      setSlot(null);
      props.onBooked(a);
    } catch (err) {
      setError(
        err instanceof ApiFailure
          ? { code: err.code, message: err.message }
          : { code: '', message: String(err) },
      );
    } finally {
      setBusy(false);
    }
  };

  if (booked) {
    return (
      <section className="card booking-done" role="status" data-testid="booking-done">
        <h2>{t.bookedTitle}</h2>
        <p className="booking-code-label">{t.code}</p>
        <p className="booking-code" data-testid="booking-code">
          {groupCode(booked.code)}
        </p>
        <p>
          {booked.serviceName} · {booked.slotStart.slice(0, 10)}{' '}
          {hallTime(booked.slotStart, tz, lang)}–{hallTime(booked.slotEnd, tz, lang)}
        </p>
        <p>{t.tellCode}</p>
        <p className="booking-checkin">
          {t.checkIn(
            hallTime(booked.checkInFrom, tz, lang),
            hallTime(booked.checkInUntil, tz, lang),
          )}
        </p>
        <button
          type="button"
          className="primary"
          onClick={() => {
            setBooked(null);
            setPhone('');
            setName('');
            setConsent(false);
          }}
        >
          {t.another}
        </button>
      </section>
    );
  }

  return (
    <form className="card booking-form" onSubmit={(e) => void submit(e)}>
      <div className="booking-row">
        <label>
          {t.service}
          <select
            name="service"
            value={serviceId}
            onChange={(e) => {
              setServiceId(e.target.value);
              setSlot(null);
            }}
          >
            {hall.services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t.date}
          <input
            name="date"
            type="date"
            value={props.date}
            required
            onChange={(e) => {
              if (e.target.value) props.onDate(e.target.value);
              setSlot(null);
            }}
          />
        </label>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          name="after-hours"
          checked={afterHours}
          onChange={(e) => setAfterHours(e.target.checked)}
        />
        {t.afterHours}
      </label>
      {afterHours ? (
        <label>
          {t.afterHoursTime}
          <input
            name="time"
            type="time"
            value={time}
            required
            onChange={(e) => setTime(e.target.value)}
          />
        </label>
      ) : (
        <fieldset className="booking-slots">
          <legend>{t.slots}</legend>
          {slots.length === 0 ? (
            <p className="muted">{t.noSlots}</p>
          ) : (
            <div className="booking-slot-grid" role="radiogroup" aria-label={t.slots}>
              {slots.map((s) => {
                const off = s.past || s.closed || s.left === 0;
                const chosen = slot === s.start;
                return (
                  <button
                    key={s.start}
                    type="button"
                    role="radio"
                    aria-checked={chosen}
                    className={`booking-slot${chosen ? ' booking-slot-chosen' : ''}`}
                    disabled={off}
                    onClick={() => setSlot(s.start)}
                  >
                    <strong>{hallTime(s.start, tz, lang)}</strong>
                    <span className="small">
                      {s.closed ? t.closed : s.past ? t.past : t.left(s.left)}
                    </span>
                  </button>
                );
              })}
            </div>
          )}
        </fieldset>
      )}
      <div className="booking-row">
        <label>
          {t.phone}
          <input
            name="phone"
            inputMode="numeric"
            maxLength={11}
            pattern="1[0-9]{10}"
            value={phone}
            onChange={(e) => setPhone(e.target.value.replace(/\D/g, ''))}
          />
        </label>
        <label>
          {t.name}
          <input
            name="name"
            maxLength={40}
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        </label>
      </div>
      <label className="choice">
        <input
          type="checkbox"
          name="consent"
          checked={consent}
          disabled={!phone}
          onChange={(e) => setConsent(e.target.checked)}
        />
        {t.consent}
      </label>
      {error && (
        <p className="error" role="alert">
          {Object.hasOwn(errorMessages, error.code)
            ? errorMessages[error.code as keyof typeof errorMessages][lang]
            : error.message}
        </p>
      )}
      <button type="submit" className="primary big" disabled={busy || (!afterHours && !slot)}>
        {busy ? t.booking : !afterHours && !slot ? t.chooseSlot : t.book}
      </button>
    </form>
  );
}
