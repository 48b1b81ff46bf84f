import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

/** The QR code of a URL, as an image that scales with the text around it. */
export function QrCode({ url, label }: { url: string; label: string }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    QRCode.toDataURL(url, { margin: 2, width: 480, errorCorrectionLevel: 'M' })
      .then((data) => {
        if (alive) setSrc(data);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [url]);
  return (
    <figure className="qr">
      {src ? <img src={src} alt={label} data-url={url} /> : <div className="qr-placeholder" />}
      <figcaption>{label}</figcaption>
    </figure>
  );
}
