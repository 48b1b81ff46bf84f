import type { DeviceKind } from './devices.js';

/** A device as its own token says: fine, refused (wrong token, kind or hall) or disabled. */
export type DeviceStanding = 'ok' | 'refused' | 'disabled';

/**
 * Asks the server about a device's own token (`GET /devices/me`) at once and then every
 * `everyMs`, so that a token revoked in the admin console turns the screen into 本机已停用
 * within a minute, without a reload. A network failure says nothing: the screen's connection
 * status shows that. Returns a function that stops the checks.
 */
export function watchDeviceToken(opts: {
  token: string;
  hallId: string | null;
  kind: DeviceKind;
  onStanding: (standing: DeviceStanding) => void;
  everyMs?: number;
}): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = async (): Promise<void> => {
    try {
      const res = await fetch('/api/v1/devices/me', {
        headers: { authorization: `Bearer ${opts.token}` },
        signal: AbortSignal.timeout(8000),
      });
      const body = (await res.json().catch(() => null)) as {
        kind?: string;
        hallId?: string;
        error?: { code?: string };
      } | null;
      if (stopped || body === null) return;
      if (res.ok) {
        const mine = body.kind === opts.kind && body.hallId === opts.hallId;
        opts.onStanding(mine ? 'ok' : 'refused');
      } else if (body.error?.code === 'device_disabled') opts.onStanding('disabled');
      else if (res.status === 401 || res.status === 403) opts.onStanding('refused');
    } catch {
      // unreachable: said by the connection status, not here
    }
  };
  const loop = (): void => {
    void check().finally(() => {
      if (!stopped) timer = setTimeout(loop, opts.everyMs ?? 60_000);
    });
  };
  loop();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
