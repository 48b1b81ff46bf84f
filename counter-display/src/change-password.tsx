import { useContext, useState, type FormEvent } from 'react';
import { ApiFailure, request } from './api';
import { LangContext, type Lang } from './i18n';

const texts = {
  zh: {
    title: '请修改密码',
    hint: '您的密码由管理员设置，请改为只有您知道的新密码后继续。',
    next: '新密码（至少8位）',
    again: '再次输入新密码',
    mismatch: '两次输入的新密码不一致',
    same: '新密码不能与管理员设置的密码相同',
    submit: '修改密码并继续',
    busy: '正在修改…',
    networkError: '网络连接失败，请重试',
  },
  en: {
    title: 'Change your password',
    hint: 'An administrator set your password: choose one only you know to continue.',
    next: 'New password (at least 8 characters)',
    again: 'New password again',
    mismatch: 'The new passwords differ',
    same: 'Choose a password other than the one you were given',
    submit: 'Change password and continue',
    busy: 'Changing…',
    networkError: 'Network error, please try again',
  },
} satisfies Record<Lang, Record<string, string>>;

/**
 * The form a staff member sees after signing in with a password an administrator set (a new
 * account or a reset): they choose their own before they reach any console.
 */
export function ChangePasswordForm(props: {
  token: string;
  currentPassword: string;
  onDone: () => void;
}) {
  const lang = useContext(LangContext);
  const t = texts[lang];
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (next !== again) return setError(t.mismatch);
    if (next === props.currentPassword) return setError(t.same);
    setBusy(true);
    setError(null);
    try {
      await request<unknown>('POST', '/auth/password', {
        token: props.token,
        lang,
        body: { currentPassword: props.currentPassword, newPassword: next },
      });
      props.onDone();
    } catch (err) {
      setError(err instanceof ApiFailure ? err.message : t.networkError);
      setBusy(false);
    }
  };
  return (
    <main className="login">
      <form className="card login-card" onSubmit={(e) => void submit(e)}>
        <h1>{t.title}</h1>
        <p>{t.hint}</p>
        <label>
          {t.next}
          <input
            type="password"
            name="new-password"
            autoComplete="new-password"
            minLength={8}
            autoFocus
            required
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <label>
          {t.again}
          <input
            type="password"
            name="new-password-again"
            autoComplete="new-password"
            minLength={8}
            required
            value={again}
            onChange={(e) => setAgain(e.target.value)}
          />
        </label>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="primary big" disabled={busy}>
          {busy ? t.busy : t.submit}
        </button>
      </form>
    </main>
  );
}
