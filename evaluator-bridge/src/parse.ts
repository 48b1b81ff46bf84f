import type { Profile } from './profile.js';
import type { Score } from './score.js';

/**
 * Pure decoding of raw HID input reports into key presses. The device loop, `--learn` and the
 * tests all feed reports through this one class, so what the tests prove is what runs.
 */

export type IgnoreReason =
  /** the key that is already down was reported again (held key, device repeat) */
  | 'held'
  /** a key-down within debounceMs of the previous press or release: contact bounce */
  | 'bounce'
  /** a key-down of a code the profile does not map */
  | 'unknown_key'
  /** shorter than a whole report, e.g. the cable was pulled mid-report */
  | 'truncated'
  /** a report with another report id (a composite device's other collection) */
  | 'other_report'
  /** boot keyboard "phantom" state (usage 0x01–0x03): too many keys down at once */
  | 'rollover_error'
  /** more than one mapped key went down in the same report: the intent is unclear */
  | 'several_keys';

export type DecoderEvent =
  | { type: 'press'; at: number; code: number; score: Score }
  | { type: 'ignored'; at: number; reason: IgnoreReason; code?: number; report: string };

/** Boot keyboard report: modifier, reserved, six key codes. */
const KEYBOARD_REPORT_BYTES = 8;
const KEYBOARD_FIRST_KEY = 2;

export class PressDecoder {
  /** codes currently down, as last reported */
  private held = new Set<number>();
  /** time of the last report that carried a key (no-release devices end a hold by silence) */
  private lastKeyReportAt: number | undefined;
  private lastPressAt: number | undefined;
  private lastReleaseAt: number | undefined;
  private readonly idBytes: number;

  constructor(private readonly profile: Profile) {
    this.idBytes = profile.reportId === undefined ? 0 : 1;
  }

  /** Shortest report that can be decoded; anything shorter is a fragment. */
  get minimumLength(): number {
    const p = this.profile;
    if (p.kind === 'keyboard')
      return Math.max(p.reportLength ?? 0, this.idBytes + KEYBOARD_REPORT_BYTES);
    return Math.max(p.reportLength ?? 0, (p.keyOffset ?? 0) + 1);
  }

  /**
   * Feeds one input report received at `at` (ms). Returns the press it completes, the reason it
   * was ignored, or null for reports that change nothing worth telling (key-up).
   */
  feed(report: Uint8Array, at: number): DecoderEvent | null {
    if (report.length === 0 || report.length < this.minimumLength) {
      return this.ignore(at, 'truncated', report);
    }
    if (this.profile.reportId !== undefined && report[0] !== this.profile.reportId) {
      return this.ignore(at, 'other_report', report);
    }
    return this.profile.kind === 'keyboard'
      ? this.feedKeyboard(report, at)
      : this.feedVendorReport(report, at);
  }

  /** Forgets held keys and timing: after a replug the device starts from "nothing pressed". */
  reset(): void {
    this.held.clear();
    this.lastKeyReportAt = undefined;
    this.lastPressAt = undefined;
    this.lastReleaseAt = undefined;
  }

  private feedVendorReport(report: Uint8Array, at: number): DecoderEvent | null {
    const code = report[this.profile.keyOffset ?? 0] ?? 0;
    if (code === 0) {
      this.release(at);
      return null;
    }
    if (this.held.has(code)) {
      // Devices without a key-up report repeat while held; silence longer than debounceMs ends it.
      const stillHeld =
        this.profile.releaseIsZero ||
        (this.lastKeyReportAt !== undefined && at - this.lastKeyReportAt < this.profile.debounceMs);
      this.lastKeyReportAt = at;
      if (stillHeld) return this.ignore(at, 'held', report, code);
    }
    this.lastKeyReportAt = at;
    this.held = new Set([code]);
    return this.keyDown(code, at, report);
  }

  private feedKeyboard(report: Uint8Array, at: number): DecoderEvent | null {
    const keys = report.subarray(
      this.idBytes + KEYBOARD_FIRST_KEY,
      this.idBytes + KEYBOARD_REPORT_BYTES,
    );
    const down = new Set<number>();
    for (const code of keys) {
      if (code === 0) continue;
      // 0x01 ErrorRollOver, 0x02 POSTFail, 0x03 ErrorUndefined: the report does not say which keys are down.
      if (code <= 0x03) return this.ignore(at, 'rollover_error', report, code);
      down.add(code);
    }
    const fresh = [...down].filter((code) => !this.held.has(code));
    const shrank = [...this.held].some((code) => !down.has(code));
    this.held = down;
    if (fresh.length === 0) {
      if (shrank) {
        this.lastReleaseAt = at;
        return null;
      }
      return down.size === 0 ? null : this.ignore(at, 'held', report, [...down][0]);
    }
    const mapped = fresh.filter((code) => this.profile.keys.has(code));
    if (mapped.length > 1) return this.ignore(at, 'several_keys', report, mapped[0]);
    return this.keyDown(mapped[0] ?? fresh[0] ?? 0, at, report);
  }

  private keyDown(code: number, at: number, report: Uint8Array): DecoderEvent {
    const score = this.profile.keys.get(code);
    if (score === undefined) return this.ignore(at, 'unknown_key', report, code);
    const window = this.profile.debounceMs;
    const sincePress = this.lastPressAt === undefined ? Infinity : at - this.lastPressAt;
    const sinceRelease = this.lastReleaseAt === undefined ? Infinity : at - this.lastReleaseAt;
    if (sincePress < window || sinceRelease < window)
      return this.ignore(at, 'bounce', report, code);
    this.lastPressAt = at;
    return { type: 'press', at, code, score };
  }

  private release(at: number): void {
    if (this.held.size > 0) this.lastReleaseAt = at;
    this.held.clear();
    this.lastKeyReportAt = undefined;
  }

  private ignore(
    at: number,
    reason: IgnoreReason,
    report: Uint8Array,
    code?: number,
  ): DecoderEvent {
    return code === undefined
      ? { type: 'ignored', at, reason, report: toHex(report) }
      : { type: 'ignored', at, reason, code, report: toHex(report) };
  }
}

/** "01 02 00 00": how reports are shown in logs, `--learn` and recordings. */
export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
    .toString('hex')
    .replace(/(..)(?!$)/g, '$1 ');
}

/** Inverse of toHex; tolerates any whitespace and an optional 0x on each byte. */
export function fromHex(text: string): Buffer {
  const clean = text.replace(/0x/gi, '').replace(/[\s,:-]/g, '');
  if (!/^([0-9a-fA-F]{2})*$/.test(clean)) throw new Error(`not hex bytes: "${text}"`);
  return Buffer.from(clean, 'hex');
}
