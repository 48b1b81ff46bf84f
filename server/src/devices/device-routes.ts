import { DeviceSelf } from '@hall/protocol';
import { defineRoute, type RouteDef } from '../api/route.js';
import { ApiError } from '../errors.js';

/** Devices check their own token on start-up (kiosk, hall screen, window display). */
export function deviceRoutes(): RouteDef[] {
  return [
    defineRoute({
      method: 'get',
      path: '/devices/me',
      summary:
        "The calling device's own entry: a kiosk or hall screen checks its token on start-up " +
        '(401: not configured; 403 device_disabled: disabled in the hall file)',
      tags: ['devices'],
      access: 'optional',
      responses: { 200: { description: 'this device', schema: DeviceSelf } },
      errors: ['unauthorized', 'forbidden', 'device_disabled'],
      handler: ({ principal }) => {
        if (!principal) throw new ApiError('unauthorized');
        if (principal.kind !== 'device') throw new ApiError('forbidden');
        const { id, kind, windowId } = principal.device;
        return Promise.resolve({
          status: 200,
          body: { deviceId: id, kind, hallId: principal.hallId, ...(windowId ? { windowId } : {}) },
        });
      },
    }),
  ];
}
