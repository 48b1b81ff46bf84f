import { useEffect, useState } from 'react';
import type { AdminApi } from './admin-api';

/** A staff member's photo fetched with the session's token (the address alone may not show it). */
export function StaffPhoto(props: {
  api: AdminApi;
  staffId: string;
  hasPhoto: boolean;
  /** A picture just chosen in this browser. */
  preview?: string | undefined;
  version: number;
  alt: string;
  none: string;
}) {
  const { api, staffId, hasPhoto, version } = props;
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    if (!hasPhoto) return undefined;
    let url: string | null = null;
    let alive = true;
    void api
      .photo(staffId)
      .then((blob) => {
        if (!alive || !blob) return;
        url = URL.createObjectURL(blob);
        setSrc(url);
      })
      .catch(() => undefined);
    return () => {
      alive = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [api, staffId, hasPhoto, version]);
  const shown = props.preview ?? src;
  return shown ? (
    <img className="adm-photo" src={shown} alt={props.alt} data-testid={`photo-${staffId}`} />
  ) : (
    <span className="adm-photo adm-photo-none">{props.none}</span>
  );
}
