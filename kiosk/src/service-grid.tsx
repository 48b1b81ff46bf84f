import type { HallSnapshot } from '@hall/protocol';
import { HallHours } from './hall-hours';
import { useTexts } from './i18n';
import { ServiceCard } from './service-card';

/**
 * The start screen: every service as a large button; below, the green channel
 * (老弱病残孕, veterans) and appointment check-in. In green-channel or appointment
 * mode a banner says so and offers the way back.
 */
export function ServiceGrid({
  hall,
  green,
  appointmentCode,
  onChoose,
  onGreen,
  onAppointment,
  onCancel,
}: {
  hall: HallSnapshot;
  green: boolean;
  appointmentCode?: string;
  onChoose: (serviceId: string) => void;
  onGreen: () => void;
  onAppointment: () => void;
  onCancel: () => void;
}) {
  const t = useTexts();
  let banner = <h1 className="prompt">{t.chooseService}</h1>;
  if (appointmentCode || green) {
    banner = (
      <div className={`mode-banner${green ? ' green-mode' : ''}`} role="status">
        <strong>{green ? t.greenChannel : t.appointmentBadge(appointmentCode ?? '')}</strong>
        <span>{green ? t.greenThen : t.appointmentThen}</span>
        <button type="button" className="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
      </div>
    );
  }
  return (
    <section className={`start${green ? ' green-mode' : ''}`}>
      {banner}
      <HallHours hours={hall.hoursToday} />
      <div className="service-grid">
        {hall.services.map((s) => (
          <ServiceCard key={s.id} service={s} timeZone={hall.timeZone} onChoose={onChoose} />
        ))}
      </div>
      {appointmentCode || green ? null : (
        <div className="start-extras">
          <button type="button" className="green-button" onClick={onGreen}>
            <strong>{t.greenChannel}</strong>
            <span>{t.greenWho}</span>
          </button>
          <button type="button" className="appointment-button" onClick={onAppointment}>
            {t.appointment}
          </button>
        </div>
      )}
    </section>
  );
}
