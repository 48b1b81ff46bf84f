#!/usr/bin/env node
// 评价器桥接的启动器: runs src/cli.ts through tsx, so the TypeScript sources ship as they are.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli.ts');
