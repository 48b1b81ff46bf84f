import type { DeviceTokenResult, DeviceView } from '@hall/protocol';
import type { Principal } from '../auth/principal.js';
import type { DeviceConfig } from '../config/hall-config.js';
import { deviceTokenHash, newDeviceToken } from '../devices/device-token.js';
import { ApiError } from '../errors.js';
import type { ConfigService } from './config-service.js';

export function deviceView(d: DeviceConfig): DeviceView {
  const { token: _plain, ...view } = d;
  return view;
}

/** Where a device of this kind is paired: the address its app opens with the token, or how to set it up. */
export function pairing(
  publicUrl: string,
  hallId: string,
  d: DeviceConfig,
  token: string,
): { pairingUrl?: string; setup: string } {
  const base = publicUrl.replace(/\/$/, '');
  const q = `hall=${encodeURIComponent(hallId)}&device=${encodeURIComponent(token)}`;
  switch (d.kind) {
    case 'kiosk':
      return {
        pairingUrl: `${base}/kiosk?${q}`,
        setup: '在取号机的浏览器中打开此地址一次（建议全屏 kiosk 模式），令牌即保存在本机。',
      };
    case 'screen':
      return {
        pairingUrl: `${base}/hall?${q}`,
        setup: '在大厅电视或 LED 屏的浏览器中全屏打开此地址。',
      };
    case 'display':
      return d.windowId
        ? {
            pairingUrl: `${base}/counter/display/${encodeURIComponent(d.windowId)}?${q}`,
            setup: '在窗口上方的显示屏中全屏打开此地址。',
          }
        : { setup: '窗口屏须指定窗口（windowId）后才能配对。' };
    case 'evaluator':
      return {
        setup: `在连接评价器的电脑上，把服务器地址 ${base} 和此令牌填入 evaluator-bridge 的配置文件。`,
      };
    case 'printer':
      return {
        setup: `在取号机电脑上，把服务器地址 ${base} 和此令牌填入打印代理（printer-driver）的配置文件。`,
      };
    case 'booking':
      return { setup: '预约网站的服务端以 Authorization: Bearer 此令牌 调用预约接口。' };
  }
}

/** Devices through the hall's configuration: a new one, a revoked token, a new token. */
export class DeviceAdmin {
  constructor(
    private readonly config: ConfigService,
    private readonly publicUrl: string,
  ) {}

  private find(hallId: string, deviceId: string): DeviceConfig {
    const d = this.config.live(hallId).saved.devices.find((x) => x.id === deviceId);
    if (!d) throw new ApiError('device_not_found');
    return d;
  }

  private issued(hallId: string, version: number, deviceId: string, token: string) {
    const device = this.find(hallId, deviceId);
    return {
      version,
      device: deviceView(device),
      token,
      ...pairing(this.publicUrl, hallId, device, token),
    } satisfies DeviceTokenResult;
  }

  async create(
    hallId: string,
    principal: Principal,
    body: Pick<DeviceConfig, 'id' | 'kind' | 'windowId' | 'printer'>,
  ): Promise<DeviceTokenResult> {
    const token = newDeviceToken();
    const r = await this.config.change(hallId, principal, 'device.created', (c) => {
      c.devices.push({ ...body, tokenHash: deviceTokenHash(token) });
    });
    return this.issued(hallId, r.version, body.id, token);
  }

  /** 停用: the token is refused from now on (403 device_disabled) on every node. */
  async revoke(
    hallId: string,
    principal: Principal,
    deviceId: string,
  ): Promise<{ version: number; device: DeviceView }> {
    this.find(hallId, deviceId);
    const r = await this.config.change(hallId, principal, 'device.revoked', (c) => {
      const d = c.devices.find((x) => x.id === deviceId);
      if (!d) throw new ApiError('device_not_found');
      d.disabled = true;
    });
    return { version: r.version, device: deviceView(this.find(hallId, deviceId)) };
  }

  /** A new token (the old one stops working); a revoked device is enabled again with it. */
  async newToken(
    hallId: string,
    principal: Principal,
    deviceId: string,
  ): Promise<DeviceTokenResult> {
    this.find(hallId, deviceId);
    const token = newDeviceToken();
    const r = await this.config.change(hallId, principal, 'device.token_issued', (c) => {
      const d = c.devices.find((x) => x.id === deviceId);
      if (!d) throw new ApiError('device_not_found');
      delete d.token;
      delete d.disabled;
      d.tokenHash = deviceTokenHash(token);
    });
    return this.issued(hallId, r.version, deviceId, token);
  }
}
