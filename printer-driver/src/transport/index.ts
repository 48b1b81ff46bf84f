import type { PrinterConnection } from '../config.js';
import { DeviceTransport } from './device.js';
import { NetworkTransport } from './network.js';
import type { Transport } from './types.js';

export type { Transport } from './types.js';
export { TransportTimeoutError } from './types.js';
export { NetworkTransport, DEFAULT_PRINTER_PORT, type NetworkOptions } from './network.js';
export { DeviceTransport, type DeviceOptions } from './device.js';
export type { UsbOptions } from './usb.js';
export type { SerialOptions } from './serial.js';

/**
 * Opens the configured transport. USB and serial modules are imported here, on demand,
 * so that a machine without their native builds can still print over TCP or a device file.
 */
export async function openTransport(connection: PrinterConnection): Promise<Transport> {
  switch (connection.transport) {
    case 'network':
      return NetworkTransport.connect({ host: connection.host, port: connection.port });
    case 'device':
      return DeviceTransport.open({
        path: connection.path,
        bidirectional: connection.bidirectional,
      });
    case 'usb': {
      const { UsbTransport } = await import('./usb.js');
      return UsbTransport.open({ vendorId: connection.vendorId, productId: connection.productId });
    }
    case 'serial': {
      const { SerialTransport } = await import('./serial.js');
      return SerialTransport.open({
        path: connection.path,
        baudRate: connection.baudRate,
        rtscts: connection.rtscts,
      });
    }
  }
}
