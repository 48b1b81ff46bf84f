import type { Priority, PublicService } from '@hall/protocol';
import { useTexts } from './i18n';
import { MaterialsList } from './materials-list';

/** The second touch: take the ticket (normal or green channel), with what to bring. */
export function ConfirmScreen({
  service: s,
  green,
  greenChannel,
  onTake,
  onBack,
}: {
  service: PublicService;
  /** The resident chose the green channel on the start screen: only the green ticket is offered. */
  green: boolean;
  /** ask_staff: the kiosk offers no green ticket (staff at the desk issue it). */
  greenChannel: 'tap' | 'ask_staff';
  onTake: (priority: Priority) => void;
  onBack: () => void;
}) {
  const t = useTexts();
  return (
    <section className="confirm">
      <h1 className="confirm-service">
        <span className="service-prefix" aria-hidden="true">
          {s.prefix}
        </span>
        {s.name}
      </h1>
      <p className="confirm-state">
        {t.waiting(s.waiting)} · {t.waitMinutes(s.estimatedWaitMinutes)}
      </p>
      {green ? null : (
        <button type="button" className="take primary" onClick={() => onTake('normal')}>
          {t.takeTicket}
        </button>
      )}
      {greenChannel === 'ask_staff' ? null : (
        <button type="button" className="take green" onClick={() => onTake('green')}>
          <span>{t.takeGreen}</span>
          <span className="take-sub">{t.greenExplain}</span>
        </button>
      )}
      <MaterialsList materials={s.materials} />
      <button type="button" className="back secondary" onClick={onBack}>
        {t.back}
      </button>
    </section>
  );
}
