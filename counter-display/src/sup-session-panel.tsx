import type { User } from '@hall/protocol';
import { useState } from 'react';
import { useSupervisorTexts } from './supervisor-i18n';

/** Ends every login of one staff member: a clerk who left a console signed in, a lost password. */
export function SupSessionPanel({
  staff,
  onEnd,
}: {
  staff: Map<string, User>;
  onEnd: (userId: string) => Promise<number>;
}) {
  const t = useSupervisorTexts();
  const people = [...staff.values()].filter((u) => u.role === 'clerk');
  const [userId, setUserId] = useState('');
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const chosen = userId || people[0]?.id || '';
  const end = () => {
    const user = staff.get(chosen);
    if (!user || busy) return;
    setBusy(true);
    onEnd(user.id).then(
      (n) => {
        setResult(t.sessionsEnded(user.name, n));
        setBusy(false);
      },
      () => {
        setResult(t.sessionsFailed);
        setBusy(false);
      },
    );
  };
  return (
    <section className="card sup-section" aria-labelledby="sup-sessions">
      <h2 id="sup-sessions">{t.sessions}</h2>
      <p className="muted small">{t.sessionsHint}</p>
      <label className="sup-session-row">
        <span>{t.sessionsOf}</span>
        <select value={chosen} onChange={(e) => setUserId(e.target.value)}>
          {people.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}（{u.jobNo}）
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="primary" disabled={!chosen || busy} onClick={end}>
        {t.endSessions}
      </button>
      {result && (
        <p role="status" className="small" data-testid="sessions-result">
          {result}
        </p>
      )}
    </section>
  );
}
