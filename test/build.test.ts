import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { build, built } from '../bin/build.mjs';

/** A made-up project: a package.json, the repository's tsconfig.json, and a few sources. */
let root: string;

function write(file: string, text: string): void {
  const at = path.join(root, file);
  fs.mkdirSync(path.dirname(at), { recursive: true });
  fs.writeFileSync(at, text);
}

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-build-'));
  write('package.json', '{ "type": "module" }');
  fs.copyFileSync('tsconfig.json', path.join(root, 'tsconfig.json'));
  write('src/core/sum.ts', 'export const sum = (a: number, b: number): number => a + b;\n');
  write(
    'src/cli/main.ts',
    "import type { Stats } from 'node:fs';\nimport { sum } from '../core/sum.js';\n" +
      'export const three: number = sum(1, 2);\nexport type Kept = Stats;\n',
  );
  write('src/core/sum.test.ts', "import { it } from 'vitest';\nit('adds', () => {});\n");
  write('src/views/page.njk', '<p>not built</p>\n');
});

afterEach(() => {
  fs.rmSync(root, { recursive: true, force: true });
});

const files = (dir: string): string[] =>
  fs
    .readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => fs.statSync(path.join(dir, f)).isFile())
    .sort();

describe('building the service’s JavaScript from its sources (bin/build.mjs)', () => {
  it('builds each source but the tests into a module of its own, at the same place, that runs', async () => {
    const dir = await build(root);
    expect(path.dirname(dir)).toBe(path.join(root, '.cache/build'));
    expect(files(dir)).toEqual(['cli/main.js', 'core/sum.js']);
    const main = (await import(pathToFileURL(path.join(dir, 'cli/main.js')).href)) as {
      three: number;
    };
    expect(main.three).toBe(3);
  });

  it('uses the same build while the sources are unchanged, and builds anew when one changes', async () => {
    const first = await build(root);
    const written = fs.statSync(path.join(first, 'core/sum.js')).mtimeMs;
    expect(await build(root)).toBe(first);
    expect(fs.statSync(path.join(first, 'core/sum.js')).mtimeMs).toBe(written);

    write('src/core/sum.ts', 'export const sum = (a: number, b: number): number => a + b + 1;\n');
    const second = await build(root);
    expect(second).not.toBe(first);
    expect(fs.readFileSync(path.join(second, 'core/sum.js'), 'utf8')).toContain('a + b + 1');
    // The earlier build is kept (a running service may still load from it) until it is unused.
    expect(fs.existsSync(first)).toBe(true);

    // Changing only a file that is not built (a template, a test) changes nothing.
    write('src/views/page.njk', '<p>changed</p>\n');
    write('src/core/sum.test.ts', "import { it } from 'vitest';\nit('adds again', () => {});\n");
    expect(await build(root)).toBe(second);

    // Changing the compiler options builds anew.
    const options = fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8');
    write('tsconfig.json', options.replace('"strict": true', '"strict": false'));
    expect(await build(root)).not.toBe(second);
  });

  it('ends with one whole build when several commands build at once, and leaves nothing half-made', async () => {
    const dirs = await Promise.all([build(root), build(root), build(root), build(root)]);
    expect(new Set(dirs).size).toBe(1);
    expect(fs.readdirSync(path.join(root, '.cache/build'))).toEqual([path.basename(dirs[0])]);
    expect(files(dirs[0])).toEqual(['cli/main.js', 'core/sum.js']);
  });

  it('removes other builds once unused for a week, and those left half-made by a stopped command', async () => {
    const builds = path.join(root, '.cache/build');
    const old = path.join(builds, 'a'.repeat(20));
    const recent = path.join(builds, 'b'.repeat(20));
    const stopped = path.join(builds, '.partial-1-00000000');
    for (const dir of [old, recent, stopped]) fs.mkdirSync(dir, { recursive: true });
    const day = 24 * 60 * 60;
    const now = Date.now() / 1000;
    fs.utimesSync(old, now - 8 * day, now - 8 * day);
    fs.utimesSync(recent, now - 6 * day, now - 6 * day);
    fs.utimesSync(stopped, now - 2 * 60 * 60, now - 2 * 60 * 60);
    const dir = await build(root);
    expect(fs.readdirSync(builds).sort()).toEqual([path.basename(dir), 'b'.repeat(20)].sort());
  });

  it('builds the service so that it finds the files shipped beside its code, as its sources do', async () => {
    const dir = await build(process.cwd());
    const load = async (module: string) =>
      (await import(pathToFileURL(path.join(dir, module)).href)) as Record<string, unknown>;
    const places = {
      root: (await load('lib/root.js')).ROOT,
      sources: (await load('lib/root.js')).SRC_DIR,
      migrations: (await load('db/migrate.js')).MIGRATIONS_DIR,
      reference: (await load('reference/paths.js')).REFERENCE_DIR,
      fonts: (await load('features/reports/fonts.js')).FONT_DIR,
    };
    expect(places).toEqual({
      root: process.cwd(),
      sources: path.join(process.cwd(), 'src'),
      migrations: path.join(process.cwd(), 'migrations'),
      reference: path.join(process.cwd(), 'data/reference'),
      fonts: path.join(process.cwd(), 'assets/fonts'),
    });
    for (const place of Object.values(places)) expect(fs.existsSync(place as string)).toBe(true);
  });

  it('says when it cannot build, so that the command runs the sources instead', async () => {
    write('src/core/broken.ts', 'export const = ;\n');
    await expect(build(root)).rejects.toThrow(/broken\.ts/);
    expect(await built(root)).toBeNull();
    expect(fs.readdirSync(path.join(root, '.cache/build'))).toEqual([]);
  });
});
