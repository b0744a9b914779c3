#!/usr/bin/env node
// The `anchorage` command: runs the TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
process.exitCode = await runCli(process.argv.slice(2));
