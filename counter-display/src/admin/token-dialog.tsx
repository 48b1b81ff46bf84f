import QRCode from 'qrcode';
import { useContext, useEffect, useState } from 'react';
import { LangContext } from '../i18n';
import { Dialog } from '../dialog';
import type { DeviceToken, NewDevice } from './admin-api';
import { useAdminTexts } from './admin-i18n';
import { enterTo } from './save-bar';

/**
 * Where a device of this kind opens with its token, when the server names no pairing link;
 * null for devices that take the token in their own program (printer agent, evaluator bridge).
 */
export function pairingLink(hallId: string, device: NewDevice, token: string): string | null {
  const origin = window.location.origin;
  const q = `hall=${encodeURIComponent(hallId)}&device=${encodeURIComponent(token)}`;
  switch (device.kind) {
    case 'kiosk':
      return `${origin}/kiosk?${q}`;
    case 'screen':
      return `${origin}/hall?${q}`;
    case 'display':
      return `${origin}/counter/display/${encodeURIComponent(device.windowId ?? '1')}?${q}`;
    case 'printer':
    case 'evaluator':
    case 'booking':
      return null;
  }
}

/** A new device token, shown once, with the QR code and link that pair the device. */
export function TokenDialog(props: {
  hallId: string;
  device: NewDevice;
  token: DeviceToken;
  onClose: () => void;
}) {
  const t = useAdminTexts();
  const lang = useContext(LangContext);
  const d = t.devices;
  const link = props.token.pairingUrl
    ? new URL(props.token.pairingUrl, window.location.origin).toString()
    : pairingLink(props.hallId, props.device, props.token.token);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!link) return undefined;
    let alive = true;
    QRCode.toDataURL(link, { margin: 2, width: 320, errorCorrectionLevel: 'M' })
      .then((src) => alive && setQr(src))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [link]);
  return (
    <Dialog
      title={d.tokenTitle(props.device.id)}
      onCancel={props.onClose}
      onKey={enterTo(props.onClose)}
      confirm={{ label: t.close, onConfirm: props.onClose, disabled: false, testId: 'close-token' }}
    >
      <p className="adm-secret" data-testid="device-token">
        {props.token.token}
      </p>
      <p>{d.tokenOnce}</p>
      {props.token.setup && lang === 'zh' && <p className="adm-hint">{props.token.setup}</p>}
      {link && (
        <div className="adm-pair">
          {qr && <img src={qr} alt={d.pairLink} className="adm-qr" data-testid="pair-qr" />}
          <p>
            {d.pairLink}
            <br />
            <a href={link} target="_blank" rel="noreferrer" data-testid="pair-link">
              {link}
            </a>
          </p>
        </div>
      )}
      {!link && props.device.kind === 'printer' && (
        <pre className="adm-command" aria-label="printer.yaml">
          {`server:\n  url: ${window.location.origin}\n  token: ${props.token.token}`}
        </pre>
      )}
    </Dialog>
  );
}
