// The benchmarks' hall: config/demo.yaml under an id of the benchmark's choosing.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadHallConfig, type HallConfig } from '../src/config/hall-config.js';

const DEMO = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'config', 'demo.yaml');

export function demoHall(id: string): HallConfig {
  return { ...loadHallConfig(DEMO), id };
}
