import type { Server } from 'socket.io';
import type { Principal } from '../auth/principal.js';
import type { HallConfig } from '../config/hall-config.js';
import { hashOfDevice } from '../devices/device-token.js';
import type { LiveHallConfig } from './live-config.js';

/** Whether a socket's principal still holds in this configuration (not disabled, not revoked). */
export function stillAllowed(principal: Principal, config: HallConfig): boolean {
  if (principal.kind === 'staff') {
    const user = config.staff.find((s) => s.id === principal.user.id);
    return user !== undefined && !user.disabled;
  }
  const device = config.devices.find((d) => d.id === principal.device.id);
  return (
    device !== undefined &&
    !device.disabled &&
    hashOfDevice(device) === hashOfDevice(principal.device)
  );
}

/**
 * Disconnects this node's sockets (hall subscribers, printer agents) whose staff member was
 * disabled or whose device token was revoked or replaced: their requests are refused from the
 * new version on, and so is their live feed. A device that reconnects is told 本机已停用.
 */
export function dropRevokedSockets(io: Server, lives: Iterable<LiveHallConfig>): void {
  for (const live of lives)
    live.onChange((config) => {
      for (const nsp of io._nsps.values())
        for (const socket of nsp.sockets.values()) {
          const principal = (socket.data as { principal?: Principal | null } | undefined)
            ?.principal;
          if (principal?.hallId === live.id && !stillAllowed(principal, config))
            socket.disconnect(true);
        }
    });
}
