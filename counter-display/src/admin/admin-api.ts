import type {
  AuditEntry,
  AuditLog,
  DeviceConfig,
  DeviceTokenResult,
  HallConfig,
  HallCalendar,
  HallConfigDocument,
  StaffConfig,
  StaffResult,
} from '@hall/protocol';
import { ApiFailure, request } from '../api';
import type { Lang } from '../i18n';

const hallPath = (hallId: string) => `/api/v1/halls/${encodeURIComponent(hallId)}`;
const rel = (hallId: string) => `/halls/${encodeURIComponent(hallId)}`;

/** The configuration as the server keeps it: the document and the version to send back. */
export type VersionedConfig = HallConfigDocument;
export type { AuditEntry };
/** A device's token, shown once, and the link that pairs the device. */
export type DeviceToken = Pick<DeviceTokenResult, 'token' | 'pairingUrl' | 'setup'>;

export interface NewStaff {
  id: string;
  name: string;
  jobNo: string;
  role: StaffConfig['role'];
}

export interface NewDevice {
  id: string;
  kind: DeviceConfig['kind'];
  windowId?: string;
  printer?: string;
}

/** Every call of the admin console (the configuration, audit, staff and devices APIs). */
export function adminApi(hallId: string, token: string, lang: Lang) {
  const o = { token, lang };
  return {
    config: () => request<VersionedConfig>('GET', `${rel(hallId)}/config`, o).then((r) => r.body),
    /** Replaces the configuration if nobody changed it since `version` (412 otherwise). */
    saveConfig: (version: number, config: HallConfig) =>
      request<VersionedConfig>('PUT', `${rel(hallId)}/config`, {
        ...o,
        body: { config },
        headers: { 'if-match': String(version) },
      }).then((r) => r.body),
    audit: (from: string, to: string) =>
      request<AuditLog>(
        'GET',
        `${rel(hallId)}/audit?${new URLSearchParams({ from, to }).toString()}`,
        o,
      ).then((r) => r.body.entries),
    /** The saved schedule's year as the server reads it (holiday names from its dataset). */
    calendar: (year: number) =>
      request<HallCalendar>('GET', `${rel(hallId)}/calendar?year=${year}`, o).then((r) => r.body),
    createStaff: (s: NewStaff) =>
      request<StaffResult>('POST', `${rel(hallId)}/staff`, { ...o, body: s }).then(
        (r) => r.body.password ?? '',
      ),
    updateStaff: (id: string, patch: Partial<Omit<NewStaff, 'id'>> & { disabled?: boolean }) =>
      request<unknown>('PATCH', `${rel(hallId)}/staff/${encodeURIComponent(id)}`, {
        ...o,
        body: patch,
      }).then(() => undefined),
    resetPassword: (id: string) =>
      request<StaffResult>(
        'POST',
        `${rel(hallId)}/staff/${encodeURIComponent(id)}/password-reset`,
        o,
      ).then((r) => r.body.password ?? ''),
    /** The staff member's photo, or null when there is none. */
    photo: async (id: string): Promise<Blob | null> => {
      const res = await fetch(`${hallPath(hallId)}/staff/${encodeURIComponent(id)}/photo`, {
        headers: { authorization: `Bearer ${token}` },
      });
      return res.ok ? res.blob() : null;
    },
    /** Uploads a photo (挂牌上岗) as it is: the server checks its type and size. */
    uploadPhoto: async (id: string, file: Blob) => {
      const res = await fetch(`${hallPath(hallId)}/staff/${encodeURIComponent(id)}/photo`, {
        method: 'PUT',
        headers: {
          authorization: `Bearer ${token}`,
          'accept-language': lang,
          'content-type': file.type || 'application/octet-stream',
        },
        body: file,
      });
      if (!res.ok) {
        const err = (
          (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string } }
        ).error;
        throw new ApiFailure(err?.code ?? 'http_error', err?.message ?? res.statusText, res.status);
      }
    },
    createDevice: (d: NewDevice) =>
      request<DeviceToken>('POST', `${rel(hallId)}/devices`, { ...o, body: d }).then((r) => r.body),
    revokeDevice: (id: string) =>
      request<unknown>('POST', `${rel(hallId)}/devices/${encodeURIComponent(id)}/revoke`, o).then(
        () => undefined,
      ),
    newDeviceToken: (id: string) =>
      request<DeviceToken>(
        'POST',
        `${rel(hallId)}/devices/${encodeURIComponent(id)}/token`,
        o,
      ).then((r) => r.body),
    /** The hall file that starts an identical hall, as the browser's own download. */
    exportYaml: async () => {
      const res = await fetch(`${hallPath(hallId)}/config/export?format=yaml`, {
        headers: { authorization: `Bearer ${token}`, 'accept-language': lang },
      });
      if (!res.ok) throw new ApiFailure('http_error', res.statusText, res.status);
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = `${hallId}.yaml`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    },
  };
}
export type AdminApi = ReturnType<typeof adminApi>;

/** Changes the signed-in person's own password (also after an administrator reset it). */
export const changePassword = (
  token: string,
  currentPassword: string,
  newPassword: string,
  lang: Lang,
) =>
  request<unknown>('POST', '/auth/password', {
    token,
    lang,
    body: { currentPassword, newPassword },
  }).then(() => undefined);
