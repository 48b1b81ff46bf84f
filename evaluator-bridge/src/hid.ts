import { EventEmitter } from 'node:events';
import type * as NodeHid from 'node-hid';
import type { Logger } from 'pino';
import { hex } from './profile.js';

/** What the bridge needs to know about a HID device; node-hid's `Device` fits it. */
export interface DeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  product?: string | undefined;
  manufacturer?: string | undefined;
  serialNumber?: string | undefined;
  usagePage?: number | undefined;
  usage?: number | undefined;
  interface?: number | undefined;
}

export interface HidDeviceEvents {
  data: [report: Buffer];
  error: [error: Error];
}

/** An open device. node-hid has no "disconnected" event: an unplug arrives as 'error'. */
export interface HidDevice extends EventEmitter<HidDeviceEvents> {
  close(): void;
}

export interface DeviceSelector {
  vendorId: number;
  productId: number;
  usagePage?: number | undefined;
  usage?: number | undefined;
}

/** The seam between the bridge and node-hid, so tests can script a device that comes and goes. */
export interface HidDeviceOpener {
  list(): DeviceInfo[];
  open(target: string | { vendorId: number; productId: number }): HidDevice;
}

/** The native HID library could not load; `message` is the one-line fix for the user. */
export class HidLibraryError extends Error {
  override readonly name = 'HidLibraryError';
}

/**
 * node-hid loads its binding (and on Linux libusb-1.0.so.0 / libudev.so.1) on the first
 * `devices()` call, not on import; this turns that failure into a one-line instruction.
 */
export function explainHidLoadError(err: unknown): string | undefined {
  const message = err instanceof Error ? err.message : String(err);
  if (/libusb|libudev|cannot open shared object|\.so(\.\d+)*:/i.test(message)) {
    return (
      '缺少 USB 系统库，请执行 sudo apt-get install libusb-1.0-0 libudev1 后重试 / ' +
      `the USB system libraries are missing: run "sudo apt-get install libusb-1.0-0 libudev1" and retry (${message.split('\n')[0]})`
    );
  }
  if (/No native build was found|Could not locate the bindings|prebuild/i.test(message)) {
    return (
      `node-hid 没有适用于 ${process.platform}-${process.arch} 的预编译模块 / ` +
      `node-hid has no prebuilt binding for ${process.platform}-${process.arch}; reinstall with build tools (${message.split('\n')[0]})`
    );
  }
  return undefined;
}

/** Adapts node-hid's HID object: data as Buffer, errors as Error. */
class NodeHidDevice extends EventEmitter<HidDeviceEvents> implements HidDevice {
  private closed = false;

  constructor(private readonly raw: RawHid) {
    super();
    raw.on('data', (data: Buffer | number[]) => {
      if (!this.closed) this.emit('data', Buffer.from(data));
    });
    raw.on('error', (err: unknown) => {
      if (!this.closed) this.emit('error', err instanceof Error ? err : new Error(String(err)));
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    try {
      this.raw.close();
    } catch {
      // Closing a device that is already gone throws on some platforms; it is closed either way.
    }
  }
}

/** The part of node-hid's HID class we use (its typings say number[]; 3.x delivers Buffer). */
interface RawHid {
  on(event: 'data', listener: (data: Buffer | number[]) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  close(): void;
}

/**
 * The real opener. node-hid is imported lazily so that `--help`, the tests and machines
 * without the native module never load it.
 */
export async function loadNodeHid(): Promise<HidDeviceOpener> {
  let hid: typeof NodeHid;
  try {
    hid = await import('node-hid');
  } catch (err) {
    throw new HidLibraryError(
      explainHidLoadError(err) ?? `无法加载 node-hid / cannot load node-hid: ${String(err)}`,
    );
  }
  const guard = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (err) {
      const explained = explainHidLoadError(err);
      if (explained) throw new HidLibraryError(explained);
      throw err;
    }
  };
  return {
    list: () => guard(() => hid.devices()),
    open: (target) =>
      guard(() => {
        const raw =
          typeof target === 'string'
            ? new hid.HID(target)
            : new hid.HID(target.vendorId, target.productId);
        return new NodeHidDevice(raw);
      }),
  };
}

/**
 * Devices that match the selector, one per path: hidapi lists a device once per top-level
 * collection, and on Linux all of them share the hidraw path.
 */
export function findDevices(list: DeviceInfo[], selector: DeviceSelector): DeviceInfo[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    if (d.vendorId !== selector.vendorId || d.productId !== selector.productId) return false;
    if (
      selector.usagePage !== undefined &&
      d.usagePage !== undefined &&
      d.usagePage !== selector.usagePage
    ) {
      return false;
    }
    if (selector.usage !== undefined && d.usage !== undefined && d.usage !== selector.usage)
      return false;
    const key = d.path ?? `${d.vendorId}:${d.productId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function describeDevice(d: DeviceInfo): string {
  const name = [d.manufacturer, d.product].filter(Boolean).join(' ') || '?';
  return `${hex(d.vendorId)}:${hex(d.productId)} ${name} ${d.path ?? ''}`.trim();
}

export type LinkState = 'connected' | 'disconnected';

export interface DeviceLinkOptions {
  opener: HidDeviceOpener;
  selector: DeviceSelector;
  /** Fixed path from the config; wins over the selector when two identical devices are plugged in. */
  path?: string | undefined;
  /** How often to look for the device while it is absent. */
  pollMs: number;
  log: Logger;
  now?: () => number;
  onReport: (report: Buffer, at: number) => void;
  onState?: (state: LinkState, device?: DeviceInfo) => void;
}

/**
 * Keeps one device open: finds it, reads it, and after an unplug (a read error) closes it and
 * polls every `pollMs` until it is back. Never gives up: the evaluator may be replugged hours later.
 */
export class DeviceLink {
  private device: HidDevice | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  /** Last problem logged while waiting, so a missing device is reported once, not every poll. */
  private lastWaitReason = '';
  private readonly now: () => number;

  constructor(private readonly opts: DeviceLinkOptions) {
    this.now = opts.now ?? Date.now;
  }

  get connected(): boolean {
    return this.device !== undefined;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.attempt();
  }

  stop(): void {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.drop();
  }

  private attempt(): void {
    this.timer = undefined;
    if (!this.running || this.device) return;
    try {
      const info = this.choose();
      if (!info) {
        this.waiting('not_found', '等待评价器接入 / waiting for the evaluator to be plugged in');
        return this.schedule();
      }
      const device = this.opts.opener.open(info.path ?? info);
      this.device = device;
      this.lastWaitReason = '';
      device.on('data', (report) => this.opts.onReport(report, this.now()));
      device.on('error', (err) => this.lost(device, err));
      this.opts.log.info({ device: describeDevice(info) }, '评价器已连接 / evaluator connected');
      this.opts.onState?.('connected', info);
    } catch (err) {
      if (err instanceof HidLibraryError) {
        this.waiting('library', err.message);
      } else {
        this.waiting(
          `open:${(err as Error).message}`,
          '评价器无法打开（权限？见 README 的 udev 规则） / cannot open the evaluator (permissions? see the udev rule in the README)',
          err,
        );
      }
      this.schedule();
    }
  }

  private choose(): DeviceInfo | undefined {
    const list = this.opts.opener.list();
    if (this.opts.path !== undefined) return list.find((d) => d.path === this.opts.path);
    const found = findDevices(list, this.opts.selector);
    if (found.length > 1 && this.lastWaitReason !== 'several') {
      this.lastWaitReason = 'several';
      this.opts.log.warn(
        { devices: found.map(describeDevice) },
        '找到多个匹配的评价器，使用第一个；请在配置中设置 devicePath / several matching evaluators; using the first, set devicePath in the config',
      );
    }
    return found[0];
  }

  private lost(device: HidDevice, err: Error): void {
    if (this.device !== device) return;
    this.opts.log.warn(
      { err: err.message },
      '评价器已断开，等待重新接入 / evaluator unplugged, waiting for it to return',
    );
    this.drop();
    this.opts.onState?.('disconnected');
    this.schedule();
  }

  private drop(): void {
    const device = this.device;
    this.device = undefined;
    if (!device) return;
    device.removeAllListeners();
    // A late 'error' after close must not crash the process as an unhandled EventEmitter error.
    device.on('error', () => undefined);
    device.close();
  }

  private schedule(): void {
    if (!this.running || this.timer) return;
    this.timer = setTimeout(() => this.attempt(), this.opts.pollMs);
  }

  private waiting(reason: string, message: string, err?: unknown): void {
    if (reason === this.lastWaitReason) return;
    this.lastWaitReason = reason;
    const level = reason === 'not_found' ? 'info' : 'error';
    this.opts.log[level](err ? { err: (err as Error).message } : {}, message);
  }
}
