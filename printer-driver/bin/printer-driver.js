#!/usr/bin/env node
// Runs the TypeScript agent directly: tsx compiles it on load, so the kiosk PC needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
