import { useState } from 'react';
import { useTexts } from './i18n';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'];

/** Appointment check-in: the code on a large keypad (no system keyboard on a kiosk). */
export function AppointmentScreen({
  onCode,
  onCancel,
}: {
  onCode: (code: string) => void;
  onCancel: () => void;
}) {
  const t = useTexts();
  const [code, setCode] = useState('');
  const add = (k: string) => setCode((c) => (c.length < 12 ? c + k : c));
  return (
    <section className="appointment">
      <h1 className="prompt">{t.appointmentHint}</h1>
      <output className="code-display" aria-label={t.appointmentCode}>
        {code || '\u00a0'}
      </output>
      <div className="keypad">
        {KEYS.map((k) => (
          <button key={k} type="button" className="key" onClick={() => add(k)}>
            {k}
          </button>
        ))}
        <button type="button" className="key key-word" onClick={() => setCode('')}>
          {t.clear}
        </button>
        <button type="button" className="key" onClick={() => add('0')}>
          0
        </button>
        <button
          type="button"
          className="key key-word"
          onClick={() => setCode((c) => c.slice(0, -1))}
        >
          {t.backspace}
        </button>
      </div>
      <div className="row-buttons">
        <button type="button" className="secondary" onClick={onCancel}>
          {t.cancel}
        </button>
        <button
          type="button"
          className="primary"
          disabled={code.length < 4}
          onClick={() => onCode(code)}
        >
          {t.next}
        </button>
      </div>
    </section>
  );
}
