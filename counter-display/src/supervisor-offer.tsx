import type { Session } from './session';
import { useContext } from 'react';
import { LangContext } from './i18n';
import { supervisorTexts } from './supervisor-i18n';

/** On the clerk's console: a supervisor or admin is pointed to their own console. */
export function SupervisorOffer({ session }: { session: Session | null }) {
  const t = supervisorTexts(useContext(LangContext));
  if (!session || session.user.role === 'clerk') return null;
  return (
    <div className="sup-offer" role="note" data-testid="supervisor-offer">
      <span>{t.offerSupervisor}</span>
      <a
        className="sup-link-button"
        href={`${import.meta.env.BASE_URL}supervisor${location.search}`}
      >
        {t.openSupervisor}
      </a>
    </div>
  );
}
