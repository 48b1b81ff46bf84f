import type { Ticket } from '@hall/protocol';
import { useState } from 'react';
import { ApiFailure, rateFromPhone } from './api';
import { useLang, useTexts } from './i18n';

/**
 * 请您对本次服务作出评价: five buttons, best first, while the server holds the prompt
 * open (the page reads the ticket again on every hall event and when the time is up).
 */
export function RatingButtons({
  ticket,
  windowId,
  onRated,
}: {
  ticket: Ticket;
  windowId: string;
  onRated: () => void;
}) {
  const t = useTexts();
  const lang = useLang();
  const [state, setState] = useState<'open' | 'sending' | 'rated' | 'late' | 'failed'>('open');

  const rate = async (score: number) => {
    setState('sending');
    try {
      await rateFromPhone(ticket, windowId, score, lang);
      setState('rated');
      onRated();
    } catch (err) {
      const code = err instanceof ApiFailure ? err.code : '';
      setState(code === 'already_rated' ? 'rated' : code === 'nothing_to_rate' ? 'late' : 'failed');
    }
  };

  if (state === 'rated') return <p className="rated">{t.rated}</p>;
  if (state === 'late') return <p className="rate-late">{t.rateLate}</p>;
  return (
    <section className="rating" aria-label={t.rateTitle}>
      <h2>{t.rateTitle}</h2>
      {state === 'failed' ? <p className="rate-failed">{t.rateFailed}</p> : null}
      <div className="rating-buttons">
        {[5, 4, 3, 2, 1].map((score) => (
          <button
            key={score}
            type="button"
            className={`rate rate-${score}`}
            disabled={state === 'sending'}
            onClick={() => void rate(score)}
          >
            {t.scores[score - 1]}
          </button>
        ))}
      </div>
    </section>
  );
}
