// The service's JavaScript, built from its TypeScript sources once per version of them (decision
// 046): src/X.ts becomes .cache/build/<fingerprint>/X.js, the fingerprint being a hash of the
// sources and of how they are built. A command then starts without compiling TypeScript as it
// loads. `node bin/build.mjs` builds ahead (for an image, say) and prints where.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** Changed whenever the way of building changes, so that a build made the old way is not used. */
const HOW = 'esbuild transform, esm, node20, no source maps; 1';

/** Other builds not used for this long are removed when a new one is made. */
const KEEP_UNUSED_MS = 7 * 24 * 60 * 60 * 1000;

/** The sources that are built: every TypeScript module under src/ but the tests. */
function sources(src) {
  return fs
    .readdirSync(src, { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
}

/**
 * The folder of the build of the sources as they are now, built first if there is none; null when
 * it cannot be built here (a read-only install, say), and the sources are to be run through tsx.
 */
export async function built(root = ROOT) {
  try {
    return await build(root);
  } catch {
    return null;
  }
}

/** As built(), but failing with the reason when the sources cannot be built. */
export async function build(root = ROOT) {
  const src = path.join(root, 'src');
  const builds = path.join(root, '.cache/build');
  const files = sources(src);
  const texts = files.map((f) => fs.readFileSync(path.join(src, f)));
  const esbuild = JSON.parse(fs.readFileSync(require.resolve('esbuild/package.json'), 'utf8'));
  // The compiler options (verbatimModuleSyntax, say) change what a source is built into.
  const tsconfig = fs.readFileSync(path.join(root, 'tsconfig.json'));
  const hash = createHash('sha256').update(`${HOW}\0${esbuild.version}\0`).update(tsconfig);
  files.forEach((f, i) => hash.update(`${f}\0${texts[i].length}\0`).update(texts[i]));
  const fingerprint = hash.digest('hex').slice(0, 20);
  const dir = path.join(builds, fingerprint);
  if (fs.existsSync(dir)) {
    markUsed(dir);
    return dir;
  }

  // Built into a folder of its own and renamed into place, so that no command ever loads a
  // half-written build, and two commands building at once each end with a whole one.
  fs.mkdirSync(builds, { recursive: true });
  const partial = path.join(builds, `.partial-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    const { transform } = await import('esbuild');
    const { compilerOptions } = JSON.parse(tsconfig.toString('utf8'));
    const outputs = await Promise.all(
      files.map((f, i) =>
        transform(texts[i], {
          loader: 'ts',
          format: 'esm',
          platform: 'node',
          target: 'node20',
          sourcefile: path.join(src, f),
          tsconfigRaw: { compilerOptions },
        }),
      ),
    );
    files.forEach((f, i) => {
      const out = path.join(partial, f.replace(/\.ts$/, '.js'));
      fs.mkdirSync(path.dirname(out), { recursive: true });
      fs.writeFileSync(out, outputs[i].code);
    });
    try {
      fs.renameSync(partial, dir);
    } catch (error) {
      // Another command built the same sources first: its build is as good as this one.
      if (!fs.existsSync(dir)) throw error;
    }
  } finally {
    fs.rmSync(partial, { recursive: true, force: true });
  }
  removeUnused(builds, fingerprint);
  return dir;
}

/** Marks a build as used now (its folder's time), so that it is kept. */
function markUsed(dir) {
  const now = new Date();
  try {
    fs.utimesSync(dir, now, now);
  } catch {
    // A build that cannot be marked (a read-only install) is not removed by this either.
  }
}

/** Removes other builds not used for a week, and folders left by a build that was stopped. */
function removeUnused(builds, current) {
  const now = Date.now();
  for (const name of fs.readdirSync(builds)) {
    if (name === current) continue;
    const dir = path.join(builds, name);
    try {
      const unused = now - fs.statSync(dir).mtimeMs;
      const limit = name.startsWith('.partial-') ? 60 * 60 * 1000 : KEEP_UNUSED_MS;
      if (unused > limit) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Removed by another command meanwhile.
    }
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.stdout.write(`${await build()}\n`);
}
