/**
 * The printer agent's YAML configuration (--config FILE):
 *
 *   server:
 *     url: http://192.168.1.10:8080
 *     token: demo-printer
 *   printer:
 *     transport: network   # network | device | usb | serial
 *     host: 192.168.1.50
 *     port: 9100
 *   paperWidth: 80
 */
import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { PaperWidth } from './job.js';

/** A USB id as a number (YAML reads 0x0416 as one) or a hex string ("0416", "0x0416"). */
const UsbId = z.union([
  z.int().min(0).max(0xffff),
  z
    .string()
    .regex(/^(0x)?[0-9a-fA-F]{1,4}$/, 'hex USB id such as 0x0416')
    .transform((s) => Number.parseInt(s.replace(/^0x/i, ''), 16)),
]);

export const PrinterConnection = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('network'),
    host: z.string().min(1),
    port: z.int().min(1).max(65535).default(9100),
  }),
  z.object({
    transport: z.literal('device'),
    /** /dev/usb/lp0, a FIFO, or a file. */
    path: z.string().min(1),
    /** Read status back through the device (usblp with a bidirectional printer). */
    bidirectional: z.boolean().default(false),
  }),
  z.object({
    transport: z.literal('usb'),
    vendorId: UsbId,
    productId: UsbId,
  }),
  z.object({
    transport: z.literal('serial'),
    path: z.string().min(1),
    baudRate: z.int().positive().default(9600),
    rtscts: z.boolean().default(true),
  }),
]);
export type PrinterConnection = z.infer<typeof PrinterConnection>;

export const DriverConfig = z.object({
  /** The hall server and this printer's device token (a device of kind printer in the hall file). */
  server: z
    .object({
      url: z.url(),
      token: z.string().min(8).max(200),
    })
    .optional(),
  printer: PrinterConnection,
  paperWidth: PaperWidth.default(80),
  /** How often the printer is asked for its state between jobs. */
  statusIntervalSeconds: z.number().min(0.2).max(60).default(2),
});
export type DriverConfig = z.infer<typeof DriverConfig>;

/** Parses YAML text; the error names the offending field. */
export function parseConfig(yamlText: string, source = 'config'): DriverConfig {
  let raw: unknown;
  try {
    raw = parseYaml(yamlText);
  } catch (err) {
    throw new Error(`${source}: not valid YAML: ${(err as Error).message}`, { cause: err });
  }
  const result = DriverConfig.safeParse(raw);
  if (!result.success) throw new Error(`${source}:\n${z.prettifyError(result.error)}`);
  return result.data;
}

export async function loadConfig(file: string): Promise<DriverConfig> {
  return parseConfig(await readFile(file, 'utf8'), file);
}
