import { readdir, readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { Score } from './score.js';

/** Built-in profiles ship as data next to `src/` so a new device needs no code change. */
export const builtinProfileDir = fileURLToPath(new URL('../profiles/', import.meta.url));

/**
 * A number written either as JSON number or as a string such as "0x1E": vendor and key codes
 * are always quoted in hex in device manuals and in `--list`, so profiles may use hex too.
 */
export const numberOrHex = (max: number) =>
  z
    .union([z.number(), z.string().regex(/^(0x[0-9a-fA-F]+|\d+)$/, 'a number or "0x…" hex')])
    .transform((v) => (typeof v === 'number' ? v : Number(v)))
    .pipe(z.number().int().min(0).max(max));

const keyCode = z
  .string()
  .regex(/^(0x[0-9a-fA-F]{1,2}|\d{1,3})$/, 'a key code such as "0x1E" or "30"')
  .transform(Number)
  .pipe(z.number().int().min(1, 'code 0 means "no key" and cannot be mapped').max(0xff));

export const DeviceMatch = z
  .object({
    vendorId: numberOrHex(0xffff),
    productId: numberOrHex(0xffff),
    /** Picks one top-level collection on Windows/macOS, where a composite device lists several. */
    usagePage: numberOrHex(0xffff).optional(),
    usage: numberOrHex(0xffff).optional(),
  })
  .strict();
export type DeviceMatch = z.output<typeof DeviceMatch>;

export const ProfileSchema = z
  .object({
    name: z.string().min(1),
    description: z.string().optional(),
    match: DeviceMatch,
    kind: z.enum(['report', 'keyboard']),
    /** First byte of every input report when the device uses numbered reports. */
    reportId: numberOrHex(0xff).optional(),
    /** Byte index of the key code in the report as node-hid delivers it (report id included). */
    keyOffset: z.number().int().min(0).max(63).optional(),
    /** Shortest complete report; shorter ones are truncated (device pulled mid-report). */
    reportLength: z.number().int().min(1).max(64).optional(),
    keys: z.record(z.string(), Score).transform((record, ctx) => {
      const map = new Map<number, Score>();
      for (const [raw, score] of Object.entries(record)) {
        const code = keyCode.safeParse(raw);
        if (!code.success) {
          ctx.addIssue({ code: 'custom', message: `bad key code "${raw}"`, path: [raw] });
          continue;
        }
        if (map.has(code.data)) {
          ctx.addIssue({ code: 'custom', message: `key code ${raw} listed twice`, path: [raw] });
        }
        map.set(code.data, score);
      }
      if (map.size === 0) ctx.addIssue({ code: 'custom', message: 'map at least one key' });
      return map;
    }),
    /** true: the device reports key-up as a zero report, so a held key can be told from a new press. */
    releaseIsZero: z.boolean(),
    debounceMs: z.number().int().min(0).max(5000),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'report') {
      if (p.keyOffset === undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyOffset'],
          message: 'required for kind "report"',
        });
      } else if (p.reportId !== undefined && p.keyOffset === 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyOffset'],
          message: 'byte 0 is the report id; the key code comes after it',
        });
      }
    } else {
      if (!p.releaseIsZero) {
        ctx.addIssue({
          code: 'custom',
          path: ['releaseIsZero'],
          message: 'boot keyboard reports always release with an empty report',
        });
      }
      if (p.keyOffset !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: ['keyOffset'],
          message: 'keyboard reports have a fixed layout',
        });
      }
    }
  });

export type ProfileInput = z.input<typeof ProfileSchema>;
export type Profile = z.output<typeof ProfileSchema>;

export class ProfileError extends Error {
  override readonly name = 'ProfileError';
}

/** Validates profile data; the message names the file and every bad field. */
export function parseProfile(data: unknown, source = 'profile'): Profile {
  const result = ProfileSchema.safeParse(data);
  if (!result.success) {
    throw new ProfileError(
      `评价器配置文件无效 / invalid device profile ${source}:\n${z.prettifyError(result.error)}`,
    );
  }
  return result.data;
}

/**
 * A bare name ("report-5key") is a built-in profile; anything with a slash or ".json" is a file,
 * relative to `baseDir` (the config file's folder).
 */
export async function loadProfile(nameOrPath: string, baseDir = process.cwd()): Promise<Profile> {
  const isPath =
    nameOrPath.includes('/') || nameOrPath.includes('\\') || nameOrPath.endsWith('.json');
  const file = isPath
    ? isAbsolute(nameOrPath)
      ? nameOrPath
      : resolve(baseDir, nameOrPath)
    : resolve(builtinProfileDir, `${nameOrPath}.json`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const known = isPath ? '' : ` (built-in: ${(await listBuiltinProfiles()).join(', ')})`;
    throw new ProfileError(
      `找不到评价器配置 / profile not found: ${nameOrPath}${known}: ${(err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ProfileError(
      `评价器配置不是有效JSON / profile is not valid JSON: ${file}: ${(err as Error).message}`,
    );
  }
  return parseProfile(data, file);
}

export async function listBuiltinProfiles(): Promise<string[]> {
  const files = await readdir(builtinProfileDir);
  return files
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

export async function loadBuiltinProfiles(): Promise<Profile[]> {
  const names = await listBuiltinProfiles();
  return Promise.all(names.map((n) => loadProfile(n)));
}

/** "0x1a86", the spelling `lsusb` and device manuals use. */
export function hex(n: number, width = 4): string {
  return `0x${n.toString(16).padStart(width, '0')}`;
}
