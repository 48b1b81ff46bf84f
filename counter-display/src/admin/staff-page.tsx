import type { HallConfig, StaffConfig } from '@hall/protocol';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../dialog';
import type { AdminApi, NewStaff } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import { enterTo } from './save-bar';
import { StaffPhoto } from './staff-photo';

const ROLES = ['clerk', 'supervisor', 'admin'] as const;

/** 人员: create, change role, disable, reset password (shown once), photo (挂牌上岗). */
export function StaffPage(props: {
  config: HallConfig;
  api: AdminApi;
  /** The signed-in administrator, who cannot disable their own account here. */
  selfId: string;
  act: (work: () => Promise<unknown>, done?: string) => Promise<boolean>;
}) {
  const t = useAdminTexts();
  const s = t.staff;
  const { api, act } = props;
  const [fresh, setFresh] = useState<NewStaff>({ id: '', name: '', jobNo: '', role: 'clerk' });
  const [once, setOnce] = useState<{ name: string; password: string } | null>(null);
  const [photoVersion, setPhotoVersion] = useState(0);
  // the chosen picture shows at once, before and after its upload
  const [previews, setPreviews] = useState<Record<string, string>>({});

  const create = async (e: FormEvent) => {
    e.preventDefault();
    let password = '';
    const ok = await act(async () => {
      password = await api.createStaff({ ...fresh, id: fresh.id.trim() });
    }, s.created(fresh.name));
    if (ok) {
      setOnce({ name: fresh.name, password });
      setFresh({ id: '', name: '', jobNo: '', role: 'clerk' });
    }
  };
  const reset = async (u: StaffConfig) => {
    let password = '';
    if (await act(async () => (password = await api.resetPassword(u.id))))
      setOnce({ name: u.name, password });
  };
  const toggle = (u: StaffConfig) => {
    if (!u.disabled && !window.confirm(s.confirmDisable(u.name))) return;
    void act(
      () => api.updateStaff(u.id, { disabled: !u.disabled }),
      u.disabled ? s.enabledToast(u.name) : s.disabledToast(u.name),
    );
  };
  const upload = (u: StaffConfig, file: File | undefined) => {
    if (!file) return;
    setPreviews((p) => ({ ...p, [u.id]: URL.createObjectURL(file) }));
    void act(() => api.uploadPhoto(u.id, file), s.photoSaved).then(() =>
      setPhotoVersion((v) => v + 1),
    );
  };

  return (
    <>
      <section className="card adm-section">
        <header className="adm-section-head">
          <h2>{t.tabs.staff}</h2>
        </header>
        <table className="adm-table" data-testid="staff-table">
          <thead>
            <tr>
              <th scope="col">{s.photo}</th>
              <th scope="col">{s.name}</th>
              <th scope="col">{s.jobNo}</th>
              <th scope="col">{s.username}</th>
              <th scope="col">{s.role}</th>
              <th scope="col">{s.state}</th>
              <th scope="col">{s.actions}</th>
            </tr>
          </thead>
          <tbody>
            {props.config.staff.map((u) => (
              <tr key={u.id} className={u.disabled ? 'adm-off' : ''}>
                <td>
                  <StaffPhoto
                    api={api}
                    staffId={u.id}
                    hasPhoto={u.photoUrl !== undefined}
                    preview={previews[u.id]}
                    version={photoVersion}
                    alt={`${u.name} ${s.photo}`}
                    none={s.noPhoto}
                  />
                </td>
                <th scope="row">{u.name}</th>
                <td>
                  <input
                    key={`${u.id}-${u.jobNo}`}
                    className="adm-jobno"
                    aria-label={`${u.name} ${s.jobNo}`}
                    defaultValue={u.jobNo}
                    maxLength={20}
                    onKeyDown={(e) => e.key === 'Enter' && e.currentTarget.blur()}
                    onBlur={(e) => {
                      const jobNo = e.target.value.trim();
                      if (jobNo && jobNo !== u.jobNo)
                        void act(
                          () => api.updateStaff(u.id, { jobNo }),
                          s.jobNoSaved(u.name, jobNo),
                        );
                    }}
                  />
                </td>
                <td>
                  <code>{u.id}</code>
                </td>
                <td>
                  <select
                    aria-label={`${u.name} ${s.role}`}
                    value={u.role}
                    onChange={(e) =>
                      void act(() =>
                        api.updateStaff(u.id, { role: e.target.value as StaffConfig['role'] }),
                      )
                    }
                  >
                    {ROLES.map((r) => (
                      <option key={r} value={r}>
                        {s.roles[r]}
                      </option>
                    ))}
                  </select>
                </td>
                <td>{u.disabled ? s.disabled : s.active}</td>
                <td>
                  <div className="adm-actions">
                    <button
                      type="button"
                      onClick={() => void reset(u)}
                      aria-label={`${u.name} ${s.resetPassword}`}
                    >
                      {s.resetPassword}
                    </button>
                    {u.id !== props.selfId && (
                      <button
                        type="button"
                        className={u.disabled ? '' : 'danger'}
                        onClick={() => toggle(u)}
                        aria-label={`${u.name} ${u.disabled ? s.enable : s.disable}`}
                      >
                        {u.disabled ? s.enable : s.disable}
                      </button>
                    )}
                    <label className="adm-upload">
                      {s.uploadPhoto}
                      <input
                        type="file"
                        accept="image/jpeg,image/png"
                        aria-label={`${u.name} ${s.uploadPhoto}`}
                        onChange={(e) => upload(u, e.target.files?.[0])}
                      />
                    </label>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="adm-hint">{s.photoHint}</p>
      </section>
      <form className="card adm-section" onSubmit={(e) => void create(e)}>
        <header className="adm-section-head">
          <h2>{s.create}</h2>
        </header>
        <div className="adm-grid">
          {(['name', 'jobNo', 'id'] as const).map((k) => (
            <div className="adm-field" key={k}>
              <label htmlFor={`new-staff-${k}`}>{k === 'id' ? s.username : s[k]}</label>
              <input
                id={`new-staff-${k}`}
                required
                pattern={k === 'id' ? '[A-Za-z0-9][A-Za-z0-9_\\-]*' : undefined}
                value={fresh[k]}
                onChange={(e) => setFresh({ ...fresh, [k]: e.target.value })}
              />
            </div>
          ))}
          <div className="adm-field">
            <label htmlFor="new-staff-role">{s.role}</label>
            <select
              id="new-staff-role"
              value={fresh.role}
              onChange={(e) => setFresh({ ...fresh, role: e.target.value as NewStaff['role'] })}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {s.roles[r]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="primary">
          {s.create}
        </button>
      </form>
      {once && (
        <Dialog
          title={s.passwordTitle(once.name)}
          onCancel={() => setOnce(null)}
          onKey={enterTo(() => setOnce(null))}
          confirm={{
            label: t.close,
            onConfirm: () => setOnce(null),
            disabled: false,
            testId: 'close-password',
          }}
        >
          <p className="adm-secret" data-testid="one-time-password">
            {once.password}
          </p>
          <p>{s.passwordOnce}</p>
        </Dialog>
      )}
    </>
  );
}
