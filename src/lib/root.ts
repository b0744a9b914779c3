/**
 * Where the service is installed: the folder holding its package.json, found by going up from
 * this module. Files shipped beside the code (migrations, reference data, fonts, templates and
 * stylesheets under src/) are found from here, so that they are found alike when the service runs
 * its TypeScript sources and when it runs the JavaScript built from them under .cache/build
 * (bin/build.mjs, decision 046).
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The nearest folder at or above `from` that holds a package.json. */
export function packageRoot(from: string): string {
  for (let dir = from; ;) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`No package.json in ${from} or above it`);
    dir = up;
  }
}

export const ROOT = packageRoot(path.dirname(fileURLToPath(import.meta.url)));

/** The sources, where templates, stylesheets and the worker entry are read from. */
export const SRC_DIR = path.join(ROOT, 'src');
