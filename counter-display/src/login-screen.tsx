import { useState, type FormEvent } from 'react';
import { api, ApiFailure } from './api';
import { ChangePasswordForm } from './change-password';
import { useTexts, LangContext } from './i18n';
import { hallFromUrl, type Session } from './session';
import { useContext } from 'react';

/** Each clerk signs in with their own account (no shared passwords). */
export function LoginScreen({
  onLogin,
  title,
}: {
  onLogin: (s: Session) => void;
  /** The page's name above the form (default: the clerk's console). */
  title?: string;
}) {
  const t = useTexts();
  const lang = useContext(LangContext);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // a password an administrator set is changed before the session is used
  const [mustChange, setMustChange] = useState<Session | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      const hallId = hallFromUrl();
      const r = await api.login(username.trim(), password, hallId, lang);
      const session = { token: r.token, user: r.user, hallId: r.hallId ?? hallId ?? 'demo' };
      if (r.mustChangePassword) setMustChange(session);
      else onLogin(session);
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : t.networkError);
      setBusy(false);
    }
  };

  if (mustChange)
    return (
      <ChangePasswordForm
        token={mustChange.token}
        currentPassword={password}
        onDone={() => onLogin(mustChange)}
      />
    );
  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <h1>{title ?? t.consoleTitle}</h1>
        <label>
          {t.username}
          <input
            name="username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            required
          />
        </label>
        <label>
          {t.password}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            required
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? t.loggingIn : t.login}
        </button>
        <p className="muted small">{t.loginHint}</p>
      </form>
    </main>
  );
}
