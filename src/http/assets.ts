/**
 * Builds the browser assets into .cache/public once (and again when a source changes):
 * our stylesheet compiled from SCSS with nhsuk-frontend, its JavaScript module, our logo.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';
import { ROOT, SRC_DIR } from '../lib/root.js';
import { NHSUK_DIST } from './views.js';

const SOURCE_DIR = path.join(SRC_DIR, 'assets');
export const PUBLIC_DIR = path.join(ROOT, '.cache/public');
export const NHSUK_ASSETS_DIR = path.join(NHSUK_DIST, 'nhsuk/assets');

export interface BuiltAssets {
  readonly dir: string;
  /** Changes whenever any asset changes: appended to asset URLs so browsers never use a stale copy. */
  readonly version: string;
}

export function ensureAssets(): BuiltAssets {
  const nhsukJs = path.join(NHSUK_DIST, 'nhsuk/nhsuk-frontend.min.js');
  const sources = [
    ...fs.readdirSync(SOURCE_DIR).map((f) => path.join(SOURCE_DIR, f)),
    nhsukJs,
    path.join(NHSUK_DIST, '../package.json'),
  ];
  const fingerprint = createHash('sha256');
  for (const file of sources) fingerprint.update(file).update(fs.readFileSync(file));
  const version = fingerprint.digest('hex').slice(0, 12);
  const stamp = path.join(PUBLIC_DIR, '.version');
  if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === version) {
    return { dir: PUBLIC_DIR, version };
  }
  fs.mkdirSync(PUBLIC_DIR, { recursive: true });
  const css = sass.compile(path.join(SOURCE_DIR, 'app.scss'), {
    loadPaths: [path.join(ROOT, 'node_modules')],
    style: 'compressed',
    quietDeps: true,
    silenceDeprecations: ['import'],
  });
  writeAtomically(path.join(PUBLIC_DIR, 'app.css'), css.css);
  fs.copyFileSync(nhsukJs, path.join(PUBLIC_DIR, 'nhsuk-frontend.min.js'));
  for (const f of ['app.mjs', 'anchorage-logo.svg']) {
    fs.copyFileSync(path.join(SOURCE_DIR, f), path.join(PUBLIC_DIR, f));
  }
  writeAtomically(stamp, version);
  return { dir: PUBLIC_DIR, version };
}

function writeAtomically(file: string, content: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, content);
  fs.renameSync(tmp, file);
}
