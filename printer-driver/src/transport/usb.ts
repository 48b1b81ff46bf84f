/**
 * USB printers through libusb (the `usb` package, loaded only when used so the driver
 * runs on machines without it). For Windows kiosks and for Linux when usblp is not
 * wanted; on Linux /dev/usb/lpN (device.ts) needs no native module.
 *
 * Claims the printer-class interface (bInterfaceClass 7) and its bulk endpoints: OUT for
 * the job, IN (if the printer has one) for status answers.
 */
import type * as UsbModuleNs from 'usb';
import type { InEndpoint, Interface, OutEndpoint } from 'usb';
import { TransportTimeoutError, type Transport } from './types.js';

export interface UsbOptions {
  vendorId: number;
  productId: number;
  /** Per-transfer timeout for OUT transfers. Default 30 s. */
  writeTimeoutMs?: number;
}

const USB_CLASS_PRINTER = 7;
const LIBUSB_TRANSFER_TYPE_BULK = 2;
const LIBUSB_ERROR_TIMEOUT = -7;

type UsbModule = typeof UsbModuleNs;
type UsbDevice = NonNullable<ReturnType<UsbModule['findByIds']>>;

async function loadUsb(): Promise<UsbModule> {
  try {
    return await import('usb');
  } catch (err) {
    throw new Error('USB transport needs the "usb" package (libusb); it could not be loaded', {
      cause: err,
    });
  }
}

const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

export class UsbTransport implements Transport {
  readonly read?: (n: number, timeoutMs: number) => Promise<Buffer>;
  private pendingIn = Buffer.alloc(0);

  private constructor(
    private readonly device: UsbDevice,
    private readonly iface: Interface,
    private readonly out: OutEndpoint,
    private readonly inEndpoint: InEndpoint | undefined,
    private readonly reattachKernelDriver: boolean,
  ) {
    if (inEndpoint) this.read = (n, timeoutMs) => this.readBack(inEndpoint, n, timeoutMs);
  }

  static async open(options: UsbOptions): Promise<UsbTransport> {
    const usb = await loadUsb();
    const device = usb.findByIds(options.vendorId, options.productId);
    const id = `${hex4(options.vendorId)}:${hex4(options.productId)}`;
    if (!device) throw new Error(`no USB device ${id}`);
    device.open();
    try {
      const iface =
        device.interfaces?.find((i) => i.descriptor.bInterfaceClass === USB_CLASS_PRINTER) ??
        device.interfaces?.[0];
      if (!iface) throw new Error(`USB device ${id} has no interface`);
      // On Linux usblp owns the interface; take it over and give it back on close.
      let reattach = false;
      if (process.platform === 'linux' && iface.isKernelDriverActive()) {
        iface.detachKernelDriver();
        reattach = true;
      }
      iface.claim();
      const bulk = iface.endpoints.filter((e) => e.transferType === LIBUSB_TRANSFER_TYPE_BULK);
      const out = bulk.find((e): e is OutEndpoint => e.direction === 'out');
      const inEndpoint = bulk.find((e): e is InEndpoint => e.direction === 'in');
      if (!out) throw new Error(`USB device ${id} has no bulk OUT endpoint`);
      out.timeout = options.writeTimeoutMs ?? 30_000;
      return new UsbTransport(device, iface, out, inEndpoint, reattach);
    } catch (err) {
      device.close();
      throw err;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    await this.out.transferAsync(Buffer.from(bytes));
  }

  private async readBack(endpoint: InEndpoint, n: number, timeoutMs: number): Promise<Buffer> {
    const deadline = Date.now() + timeoutMs;
    while (this.pendingIn.length < n) {
      const left = deadline - Date.now();
      if (left <= 0) throw new TransportTimeoutError(`no answer over USB within ${timeoutMs} ms`);
      endpoint.timeout = left;
      try {
        // A bulk IN transfer must ask for a whole packet, or a longer answer overflows.
        const data = await endpoint.transferAsync(endpoint.descriptor.wMaxPacketSize);
        if (data) this.pendingIn = Buffer.concat([this.pendingIn, data]);
      } catch (err) {
        if ((err as { errno?: number }).errno === LIBUSB_ERROR_TIMEOUT) continue;
        throw err;
      }
    }
    const answer = this.pendingIn.subarray(0, n);
    this.pendingIn = this.pendingIn.subarray(n);
    return Buffer.from(answer);
  }

  async close(): Promise<void> {
    await this.iface.releaseAsync();
    if (this.reattachKernelDriver) {
      try {
        this.iface.attachKernelDriver();
      } catch {
        // The device was unplugged; nothing to give back.
      }
    }
    this.device.close();
  }
}
