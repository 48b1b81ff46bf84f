import {
  DeviceCreateBody,
  DeviceResult,
  DeviceTokenResult,
  PasswordChangeBody,
  Slug,
  StaffCreateBody,
  StaffPatchBody,
  StaffResult,
} from '@hall/protocol';
import { z } from 'zod';
import { defineRoute, type RouteDef } from '../api/route.js';
import { ApiError } from '../errors.js';
import type { DeviceAdmin } from './device-admin.js';
import { requireAdmin, type StaffAdmin } from './staff-admin.js';

const HallParams = z.object({ hallId: Slug });
const StaffParams = HallParams.extend({
  staffId: Slug.meta({ param: { description: "the staff member's id, e.g. clerk1" } }),
});
const DeviceParams = HallParams.extend({
  deviceId: Slug.meta({ param: { description: 'the device id, e.g. kiosk-1' } }),
});
const Empty = z.object({}).strict().optional();
const adminErrors = ['unauthorized', 'forbidden', 'hall_not_found', 'invalid_config'] as const;

/** Staff accounts, their photos, one's own password, and devices with their tokens (admins). */
export function staffAdminRoutes(staff: StaffAdmin, devices: DeviceAdmin): RouteDef[] {
  return [
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/staff',
      summary:
        'A new staff member; the answer holds a one-time password, to be changed at the first login',
      tags: ['staff', 'config'],
      access: 'staff',
      params: HallParams,
      body: StaffCreateBody,
      responses: { 201: { description: 'created', schema: StaffResult } },
      errors: [...adminErrors, 'config_version_conflict'],
      handler: async ({ params, principal, body }) => {
        requireAdmin(principal);
        return { status: 201, body: await staff.create(params.hallId, principal, body) };
      },
    }),
    defineRoute({
      method: 'patch',
      path: '/halls/{hallId}/staff/{staffId}',
      summary:
        "Change a staff member's name, role, job number (工号) or 停用 (disabled: their sessions end at once)",
      tags: ['staff', 'config'],
      access: 'staff',
      params: StaffParams,
      body: StaffPatchBody,
      responses: { 200: { description: 'changed', schema: StaffResult } },
      errors: [...adminErrors, 'staff_not_found', 'config_version_conflict'],
      handler: async ({ params, principal, body }) => {
        requireAdmin(principal);
        return {
          status: 200,
          body: await staff.patch(params.hallId, principal, params.staffId, body),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/staff/{staffId}/password-reset',
      summary:
        'A new one-time password for a staff member (shown once; must be changed at the next login); their sessions end',
      tags: ['staff', 'config'],
      access: 'staff',
      params: StaffParams,
      body: Empty,
      responses: { 200: { description: 'the new one-time password', schema: StaffResult } },
      errors: [...adminErrors, 'staff_not_found', 'config_version_conflict'],
      handler: async ({ params, principal }) => {
        requireAdmin(principal);
        return {
          status: 200,
          body: await staff.resetPassword(params.hallId, principal, params.staffId),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/auth/password',
      summary:
        'A signed-in staff member changes their own password (the current one, and a new one of at least 8 characters)',
      tags: ['auth'],
      access: 'staff',
      body: PasswordChangeBody,
      responses: { 204: { description: 'changed; the session goes on' } },
      errors: [
        'unauthorized',
        'forbidden',
        'invalid_credentials',
        'weak_password',
        'config_version_conflict',
      ],
      handler: async ({ principal, body }) => {
        if (!principal) throw new ApiError('unauthorized');
        await staff.changeOwn(principal, body.currentPassword, body.newPassword);
        return { status: 204 };
      },
    }),
    defineRoute({
      method: 'put',
      path: '/halls/{hallId}/staff/{staffId}/photo',
      summary:
        "The staff member's photo for 挂牌上岗: a JPEG or PNG body of at most 512 KiB; photoUrl points to it",
      tags: ['staff', 'config'],
      access: 'staff',
      params: StaffParams,
      bodyKind: 'image',
      responses: { 200: { description: 'stored', schema: StaffResult } },
      errors: [...adminErrors, 'staff_not_found', 'invalid_image', 'config_version_conflict'],
      handler: async ({ params, principal, body }) => {
        requireAdmin(principal);
        return {
          status: 200,
          body: await staff.putPhoto(params.hallId, principal, params.staffId, body),
        };
      },
    }),
    defineRoute({
      method: 'get',
      path: '/halls/{hallId}/staff/{staffId}/photo',
      summary: "The staff member's photo (public: the window display shows it for 挂牌上岗)",
      tags: ['staff'],
      access: 'anyone',
      params: StaffParams,
      responses: { 200: { description: 'the image', contentTypes: ['image/jpeg', 'image/png'] } },
      errors: ['hall_not_found', 'staff_not_found', 'photo_not_found'],
      handler: async ({ params, req }) => {
        const photo = await staff.photo(params.hallId, params.staffId);
        const etag = `"${photo.etag}"`;
        // the URL changes with each new picture, so a browser may keep one for a day
        const headers = { ETag: etag, 'Cache-Control': 'public, max-age=86400' };
        if (req.headers['if-none-match'] === etag) return { status: 304, headers };
        return { status: 200, headers, raw: { contentType: photo.type, data: photo.data } };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/devices',
      summary:
        'A new device (kiosk, screen, display, evaluator, printer, booking): its token is shown once with a pairing link; only its sha256 is kept',
      tags: ['devices', 'config'],
      access: 'staff',
      params: HallParams,
      body: DeviceCreateBody,
      responses: { 201: { description: 'created', schema: DeviceTokenResult } },
      errors: [...adminErrors, 'config_version_conflict'],
      handler: async ({ params, principal, body }) => {
        requireAdmin(principal);
        return { status: 201, body: await devices.create(params.hallId, principal, body) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/devices/{deviceId}/revoke',
      summary:
        '停用 a device: its token is refused from now on (403 device_disabled; the device shows 本机已停用)',
      tags: ['devices', 'config'],
      access: 'staff',
      params: DeviceParams,
      body: Empty,
      responses: { 200: { description: 'revoked', schema: DeviceResult } },
      errors: [...adminErrors, 'device_not_found', 'config_version_conflict'],
      handler: async ({ params, principal }) => {
        requireAdmin(principal);
        return {
          status: 200,
          body: await devices.revoke(params.hallId, principal, params.deviceId),
        };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/halls/{hallId}/devices/{deviceId}/token',
      summary:
        'A new token for a device (shown once); the old one stops working and a revoked device is enabled again',
      tags: ['devices', 'config'],
      access: 'staff',
      params: DeviceParams,
      body: Empty,
      responses: { 200: { description: 'the new token', schema: DeviceTokenResult } },
      errors: [...adminErrors, 'device_not_found', 'config_version_conflict'],
      handler: async ({ params, principal }) => {
        requireAdmin(principal);
        return {
          status: 200,
          body: await devices.newToken(params.hallId, principal, params.deviceId),
        };
      },
    }),
  ];
}
