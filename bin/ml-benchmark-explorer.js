#!/usr/bin/env node
// Installed command: runs the TypeScript CLI through tsx's loader (a runtime dependency).
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/cli.ts');
