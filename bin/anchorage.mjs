#!/usr/bin/env node
// The `anchorage` command. It runs the JavaScript built from the TypeScript sources (bin/build.mjs,
// built again whenever a source changes; decision 046), or, where that cannot be built, the
// sources themselves through tsx.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { built } from './build.mjs';

const dir = await built();
let cli;
if (dir) {
  cli = await import(pathToFileURL(path.join(dir, 'cli/main.js')).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../src/cli/main.ts');
}
process.exitCode = await cli.runCli(process.argv.slice(2));
