import { readFileSync } from 'node:fs';
import { HallConfig, configIssuesOf } from '@hall/protocol';
import { parse as parseYaml } from 'yaml';

// The hall file's schema lives in protocol (the admin console validates with it too); these
// re-exports keep the server's imports where they were.
export {
  checkHallConfig,
  DeviceConfig,
  HallConfig,
  RulesConfig,
  ScheduleConfig,
  ServiceConfig,
  StaffConfig,
  WindowConfig,
} from '@hall/protocol';

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Validates a parsed hall file; the error names the source and the path of each bad field. */
export function validateHallConfig(raw: unknown, source: string): HallConfig {
  const result = HallConfig.safeParse(raw);
  if (!result.success) {
    const lines = configIssuesOf(result.error).map((i) => `  ${i.path || '(root)'}: ${i.message}`);
    throw new ConfigError(`${source}: invalid hall configuration\n${lines.join('\n')}`);
  }
  return result.data;
}

/** Parses and validates a hall file; the error names the file and the path of the bad field. */
export function parseHallConfig(text: string, source: string): HallConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    throw new ConfigError(`${source}: not valid YAML/JSON: ${(err as Error).message}`);
  }
  return validateHallConfig(raw, source);
}

export function loadHallConfig(path: string): HallConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`${path}: cannot read: ${(err as Error).message}`);
  }
  return parseHallConfig(text, path);
}
