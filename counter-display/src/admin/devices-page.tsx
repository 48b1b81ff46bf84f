import { DeviceKind, type DeviceConfig, type HallConfig } from '@hall/protocol';
import { useState, type FormEvent } from 'react';
import type { AdminApi, DeviceToken, NewDevice } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import { TokenDialog } from './token-dialog';

/** 设备: create a device (token shown once with its pairing QR), new token, revoke. */
export function DevicesPage(props: {
  config: HallConfig;
  api: AdminApi;
  act: (work: () => Promise<unknown>, done?: string) => Promise<boolean>;
}) {
  const t = useAdminTexts();
  const d = t.devices;
  const { api, act, config } = props;
  const [fresh, setFresh] = useState<NewDevice>({ id: '', kind: 'kiosk' });
  const [once, setOnce] = useState<{ device: NewDevice; token: DeviceToken } | null>(null);
  const needsWindow = fresh.kind === 'display' || fresh.kind === 'evaluator';

  const create = async (e: FormEvent) => {
    e.preventDefault();
    const device: NewDevice = {
      id: fresh.id.trim(),
      kind: fresh.kind,
      ...(needsWindow && fresh.windowId ? { windowId: fresh.windowId } : {}),
    };
    let token: DeviceToken | null = null;
    if (await act(async () => (token = await api.createDevice(device)))) {
      if (token) setOnce({ device, token });
      setFresh({ id: '', kind: fresh.kind });
    }
  };
  const renew = async (x: DeviceConfig) => {
    let token: DeviceToken | null = null;
    if ((await act(async () => (token = await api.newDeviceToken(x.id)))) && token)
      setOnce({ device: x, token });
  };
  const revoke = (x: DeviceConfig) => {
    if (window.confirm(d.confirmRevoke(x.id)))
      void act(() => api.revokeDevice(x.id), d.revokedToast(x.id));
  };
  const windowName = (id: string | undefined) =>
    id === undefined ? '—' : (config.windows.find((w) => w.id === id)?.name ?? id);

  return (
    <>
      <section className="card adm-section">
        <header className="adm-section-head">
          <h2>{t.tabs.devices}</h2>
        </header>
        <table className="adm-table" data-testid="device-table">
          <thead>
            <tr>
              <th scope="col">{d.id}</th>
              <th scope="col">{d.kind}</th>
              <th scope="col">{d.window}</th>
              <th scope="col">{d.state}</th>
              <th scope="col">{t.staff.actions}</th>
            </tr>
          </thead>
          <tbody>
            {config.devices.map((x) => (
              <tr key={x.id} className={x.disabled ? 'adm-off' : ''}>
                <th scope="row">
                  <code>{x.id}</code>
                </th>
                <td>{d.kinds[x.kind] ?? x.kind}</td>
                <td>{windowName(x.windowId)}</td>
                <td>{x.disabled ? d.revoked : d.active}</td>
                <td>
                  <div className="adm-actions">
                    <button
                      type="button"
                      onClick={() => void renew(x)}
                      aria-label={`${x.id} ${d.newToken}`}
                    >
                      {d.newToken}
                    </button>
                    {!x.disabled && (
                      <button
                        type="button"
                        className="danger"
                        onClick={() => revoke(x)}
                        aria-label={`${x.id} ${d.revoke}`}
                      >
                        {d.revoke}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <form className="card adm-section" onSubmit={(e) => void create(e)}>
        <header className="adm-section-head">
          <h2>{d.create}</h2>
        </header>
        <div className="adm-grid">
          <div className="adm-field">
            <label htmlFor="new-device-id">{d.id}</label>
            <input
              id="new-device-id"
              required
              pattern="[A-Za-z0-9][A-Za-z0-9_\-]*"
              value={fresh.id}
              onChange={(e) => setFresh({ ...fresh, id: e.target.value })}
            />
          </div>
          <div className="adm-field">
            <label htmlFor="new-device-kind">{d.kind}</label>
            <select
              id="new-device-kind"
              value={fresh.kind}
              onChange={(e) => setFresh({ ...fresh, kind: e.target.value as NewDevice['kind'] })}
            >
              {DeviceKind.options.map((k) => (
                <option key={k} value={k}>
                  {d.kinds[k] ?? k}
                </option>
              ))}
            </select>
          </div>
          {needsWindow && (
            <div className="adm-field">
              <label htmlFor="new-device-window">{d.window}</label>
              <select
                id="new-device-window"
                required
                value={fresh.windowId ?? ''}
                onChange={(e) => setFresh({ ...fresh, windowId: e.target.value })}
              >
                <option value="">—</option>
                {config.windows.map((w) => (
                  <option key={w.id} value={w.id}>
                    {w.name}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <button type="submit" className="primary">
          {d.create}
        </button>
      </form>
      {once && (
        <TokenDialog
          hallId={config.id}
          device={once.device}
          token={once.token}
          onClose={() => setOnce(null)}
        />
      )}
    </>
  );
}
