import { z } from 'zod';
import { Slug } from './common.js';

/** The kinds of device a hall file lists, each with its own token. */
/** booking: an outside booking site that books, lists and cancels appointments. */
export const DeviceKind = z.enum(['kiosk', 'screen', 'printer', 'evaluator', 'display', 'booking']);
export type DeviceKind = z.infer<typeof DeviceKind>;

/**
 * What a device learns about its own token on start-up (`GET /devices/me`), so that
 * a kiosk or hall screen with a wrong or disabled token says so at once instead of
 * looking normal until a resident taps 取号.
 */
export const DeviceSelf = z
  .object({
    deviceId: Slug,
    kind: DeviceKind,
    hallId: Slug,
    windowId: Slug.optional(),
  })
  .meta({ id: 'DeviceSelf' });
export type DeviceSelf = z.infer<typeof DeviceSelf>;
