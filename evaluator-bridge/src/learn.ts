import { z } from 'zod';
import { fromHex, toHex } from './parse.js';
import { hex, parseProfile, type DeviceMatch, type ProfileInput } from './profile.js';

/**
 * Helpers for `--learn`: a recording format for raw reports (the same files serve as test
 * fixtures, so a technician's capture of a real device can become a regression test) and a
 * first-draft profile guessed from the keys pressed.
 */

export const Recording = z.object({
  device: z.string().optional(),
  profile: z.string().optional(),
  note: z.string().optional(),
  /** [ms since the first report, "hex bytes"] */
  reports: z.array(z.tuple([z.number().nonnegative(), z.string()])),
});
export type Recording = z.infer<typeof Recording>;

export function recordingReports(recording: Recording): { at: number; report: Buffer }[] {
  return recording.reports.map(([at, text]) => ({ at, report: fromHex(text) }));
}

export interface DraftResult {
  profile?: ProfileInput;
  notes: string[];
}

const ORDERED_SCORES: Record<number, number[]> = {
  1: [5],
  2: [5, 1],
  3: [5, 3, 1],
  4: [5, 4, 3, 2],
  5: [5, 4, 3, 2, 1],
};

/**
 * Guesses a profile from reports captured while the user pressed each key once, best
 * (非常满意) first. Keyboard-type devices are recognised by their 8-byte boot layout and keep
 * digit = score. The result is a draft: it is validated, but a person should read it.
 */
export function draftProfile(
  reports: Buffer[],
  match: DeviceMatch,
  name = 'my-evaluator',
): DraftResult {
  const notes: string[] = [];
  const seen = new Set<string>();
  const distinct = reports.filter((r) => {
    const key = r.toString('hex');
    if (r.length === 0 || seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (distinct.length === 0) return { notes: ['没有收到任何报告 / no reports received'] };

  const first = distinct[0]?.[0] ?? 0;
  const length = Math.min(...distinct.map((r) => r.length));
  const sharedId = first !== 0 && length > 1 && distinct.every((r) => r[0] === first);
  const start = sharedId ? 1 : 0;
  const isRelease = (r: Buffer): boolean => r.subarray(start).every((b) => b === 0);
  const downs = distinct.filter((r) => !isRelease(r));
  const releaseIsZero = downs.length < distinct.length;
  if (downs.length === 0)
    return { notes: ['只收到全零报告，请按键 / only zero reports; press the keys'] };

  const keyboard =
    length - start === 8 &&
    downs.every((r) => r[start + 1] === 0 && r.subarray(start + 2).some((b) => b >= 0x04));
  const keyOffset = keyboard
    ? start + 2
    : [...Array(length).keys()].find((i) => i >= start && downs.every((r) => r[i] !== 0));
  if (keyOffset === undefined) {
    return { notes: ['找不到固定的按键字节 / no single byte carries the key code'] };
  }
  const codes = [...new Set(downs.map((r) => r[keyOffset] ?? 0))];
  if (codes.length > 5)
    notes.push(
      `收到 ${codes.length} 个不同按键，只取前5个 / ${codes.length} keys seen, first 5 used`,
    );
  const used = codes.slice(0, 5);
  const keys: Record<string, number> = {};
  const digit = (code: number): number | undefined =>
    code >= 0x1e && code <= 0x22
      ? code - 0x1d
      : code >= 0x59 && code <= 0x5d
        ? code - 0x58
        : undefined;
  const byDigit = keyboard && used.every((c) => digit(c) !== undefined);
  const ordered = ORDERED_SCORES[used.length] ?? [];
  used.forEach((code, i) => {
    keys[hex(code, 2)] = (byDigit ? digit(code) : ordered[i]) ?? 3;
  });
  notes.push(
    byDigit
      ? '键盘型评价器：数字即分值 / keyboard-type: the digit is the score'
      : '按按键顺序分配分值（先按的为非常满意） / scores follow the order pressed, first = 非常满意',
  );
  if (!releaseIsZero) notes.push('未见松开报告,releaseIsZero=false / no key-up report seen');

  const profile: ProfileInput = {
    name,
    description: `draft from --learn, ${distinct.length} distinct reports`,
    match: {
      vendorId: hex(match.vendorId),
      productId: hex(match.productId),
      ...(match.usagePage === undefined ? {} : { usagePage: hex(match.usagePage) }),
    },
    kind: keyboard ? 'keyboard' : 'report',
    ...(sharedId ? { reportId: hex(first, 2) } : {}),
    ...(keyboard ? {} : { keyOffset }),
    reportLength: length,
    keys: keys as ProfileInput['keys'],
    releaseIsZero: keyboard ? true : releaseIsZero,
    debounceMs: 50,
  };
  try {
    parseProfile(profile, 'draft');
  } catch (err) {
    notes.push((err as Error).message);
    return { notes };
  }
  return { profile, notes };
}

/** One line of `--learn` output: time since start, length and bytes. */
export function formatReportLine(sinceStartMs: number, report: Buffer): string {
  return `+${(sinceStartMs / 1000).toFixed(3)}s  ${String(report.length).padStart(2)} bytes  ${toHex(report)}`;
}
