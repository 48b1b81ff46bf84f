import type { HallSnapshot } from '@hall/protocol';
import { useCheckInTexts } from './check-in-i18n';
import { HallHours } from './hall-hours';
import { useTexts } from './i18n';
import { ServiceCard } from './service-card';

/**
 * The start screen: every service as a large button; below, the green channel
 * (老弱病残孕, veterans) and appointment check-in. In green-channel mode a banner says so
 * and offers the way back. Where staff decide the green channel (`ask_staff`) its place
 * says to ask at the service desk instead of offering a button.
 */
export function ServiceGrid({
  hall,
  green,
  greenChannel,
  onChoose,
  onGreen,
  onAppointment,
  onCancel,
}: {
  hall: HallSnapshot;
  green: boolean;
  greenChannel: 'tap' | 'ask_staff';
  onChoose: (serviceId: string) => void;
  onGreen: () => void;
  onAppointment: () => void;
  onCancel: () => void;
}) {
  const t = useTexts();
  const ct = useCheckInTexts();
  let banner = <h1 className="prompt">{t.chooseService}</h1>;
  if (green) {
    banner = (
      <div className="mode-banner green-mode" role="status">
        <strong>{t.greenChannel}</strong>
        <span>{t.greenThen}</span>
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
      {green ? null : (
        <div className="start-extras">
          {greenChannel === 'ask_staff' ? (
            <div className="green-button green-ask-staff" role="note" data-testid="green-ask-staff">
              <strong>{ct.askStaffTitle}</strong>
              <span className="ask-staff-text">{ct.askStaffText}</span>
              <span>{ct.askStaffWho}</span>
            </div>
          ) : (
            <button type="button" className="green-button" onClick={onGreen}>
              <strong>{t.greenChannel}</strong>
              <span>{t.greenWho}</span>
            </button>
          )}
          <button type="button" className="appointment-button" onClick={onAppointment}>
            {t.appointment}
          </button>
        </div>
      )}
    </section>
  );
}
