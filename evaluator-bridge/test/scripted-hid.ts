import { EventEmitter } from 'node:events';
import type { DeviceInfo, HidDevice, HidDeviceEvents, HidDeviceOpener } from '../src/hid.js';
import { fromHex } from '../src/parse.js';

/** A device as node-hid would hand it out, driven by the test instead of a USB cable. */
class ScriptedDevice extends EventEmitter<HidDeviceEvents> implements HidDevice {
  closed = false;
  close(): void {
    this.closed = true;
  }
}

/**
 * Replaces node-hid at its device-opening boundary only: listing and opening. Everything
 * above it (DeviceLink, PressDecoder, PromptState, Outbox, HTTP) is the real bridge.
 */
export class ScriptedHid implements HidDeviceOpener {
  private plugged = false;
  private device: ScriptedDevice | undefined;
  opens = 0;

  constructor(readonly info: DeviceInfo) {}

  list(): DeviceInfo[] {
    return this.plugged ? [this.info] : [];
  }

  open(target: string | { vendorId: number; productId: number }): HidDevice {
    const path = typeof target === 'string' ? target : undefined;
    if (!this.plugged || (path !== undefined && path !== this.info.path)) {
      throw new Error('could not open device');
    }
    this.opens++;
    this.device = new ScriptedDevice();
    return this.device;
  }

  get isOpen(): boolean {
    return this.device !== undefined && !this.device.closed;
  }

  plug(): void {
    this.plugged = true;
  }

  /** Pulls the cable: node-hid reports it as a read error on the open device. */
  unplug(): void {
    this.plugged = false;
    const device = this.device;
    this.device = undefined;
    device?.emit('error', new Error('could not read from HID device'));
  }

  /** Emits input reports written as hex, e.g. "01 05 00 00 00 00 00 00". */
  send(...reports: string[]): void {
    const device = this.device;
    if (!device || device.closed) throw new Error('no open device to send from');
    for (const r of reports) device.emit('data', fromHex(r));
  }
}
