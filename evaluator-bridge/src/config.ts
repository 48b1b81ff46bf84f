import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import { DeviceMatch } from './profile.js';

export const BridgeConfigSchema = z
  .object({
    serverUrl: z.url({ protocol: /^https?$/ }),
    hallId: z.string().min(1),
    /** The window this evaluator sits at: one bridge per window. */
    windowId: z.string().min(1),
    deviceToken: z.string().min(1),
    /** Built-in profile name ("report-5key") or a path to a profile JSON file. */
    profile: z.string().min(1),
    /** Overrides the profile's vendorId/productId when your unit uses other ids. */
    match: DeviceMatch.optional(),
    /** Fixed HID path from --list, for when two identical evaluators hang on one PC. */
    devicePath: z.string().min(1).optional(),
    outboxDir: z.string().min(1).default('data/evaluator-outbox'),
    pollMs: z.number().int().min(100).max(60_000).default(2_000),
    retryMinMs: z.number().int().min(10).default(1_000),
    retryMaxMs: z.number().int().min(10).default(60_000),
    logLevel: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .strict();

export type BridgeConfig = z.output<typeof BridgeConfigSchema> & {
  /** folder of the config file: relative paths in it are relative to it */
  baseDir: string;
};

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Validates config data; relative paths are resolved against `baseDir`. */
export function parseConfig(data: unknown, baseDir: string, source = 'config'): BridgeConfig {
  const result = BridgeConfigSchema.safeParse(data);
  if (!result.success) {
    throw new ConfigError(
      `配置文件无效 / invalid config ${source}:\n${z.prettifyError(result.error)}`,
    );
  }
  const config = result.data;
  return {
    ...config,
    outboxDir: isAbsolute(config.outboxDir) ? config.outboxDir : resolve(baseDir, config.outboxDir),
    baseDir,
  };
}

/**
 * Reads the JSON config file. JSON rather than YAML because this package has no YAML parser
 * among its dependencies; see README.
 */
export async function loadConfig(file: string): Promise<BridgeConfig> {
  const path = resolve(file);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ConfigError(
      `无法读取配置文件 / cannot read config ${path}: ${(err as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(
      `配置文件不是有效JSON / config is not valid JSON ${path}: ${(err as Error).message}`,
    );
  }
  return parseConfig(data, dirname(path), path);
}
