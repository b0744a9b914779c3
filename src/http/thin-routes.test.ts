/**
 * Routes are thin (docs/decisions/017-thin-routes.md): a *.routes.ts file parses input, calls a
 * service and renders. This test reads every route file and fails on what belongs elsewhere:
 * - SQL or a query builder (services and repositories hold the queries);
 * - an import of a repository, or the database from deps;
 * - a cast of the request's user, actor, partnership, organisation or body (route-context.ts
 *   gives them typed), or an audit actor built by hand;
 * - permission rules worked out from memberships (they live in core/roles.ts and the feature's
 *   policy in core/);
 * - a multipart file read other than through http/upload.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('..', import.meta.url));

function files(dir: string, test: (name: string) => boolean): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const full = path.join(dir, d.name);
    if (d.isDirectory()) return files(full, test);
    return test(d.name) ? [full] : [];
  });
}

const relative = (file: string) => path.relative(SRC, file).split(path.sep).join('/');

const RULES: { readonly what: string; readonly pattern: RegExp }[] = [
  { what: 'SQL (sql`…`)', pattern: /\bsql\s*(<[^>]*>)?\s*`/ },
  { what: 'an import of kysely', pattern: /from\s+['"]kysely['"]/ },
  {
    what: 'a query builder call',
    pattern: /\.(selectFrom|insertInto|updateTable|deleteFrom|selectNoFrom|mergeInto)\s*\(/,
  },
  { what: 'an import of a repository', pattern: /from\s+['"][^'"]*\.repo(\.js)?['"]/ },
  { what: 'the database from deps', pattern: /\bdeps\.database\b|\bdatabase\.db\b/ },
  {
    what: 'a cast of a request field (use http/route-context.ts)',
    pattern:
      /\brequest\.(user|actor|partnership|organisation|body|query|params)\s*(\?\?[^)]*\))?\s+as\s/,
  },
  {
    what: 'a cast of a request field (use http/route-context.ts)',
    pattern: /\(request\.body\s*\?\?/,
  },
  {
    what: 'an audit actor built by hand (use signedIn(request).auditActor)',
    pattern: /\bauditActor\s*=/,
  },
  { what: 'a permission rule worked out from memberships', pattern: /\.memberships\s*[.[]/ },
  {
    what: 'a multipart file read (use http/upload.ts)',
    pattern: /\brequest\.(file|files|parts)\s*\(/,
  },
];

describe('thin routes', () => {
  const routeFiles = files(path.join(SRC, 'features'), (n) => n.endsWith('.routes.ts'));

  it('finds the route files', () => {
    expect(routeFiles.length).toBeGreaterThan(10);
  });

  it('hold no SQL, repositories, casts of the request, hand-made permission rules or file reads', () => {
    const found: string[] = [];
    for (const file of routeFiles) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        for (const rule of RULES) {
          if (rule.pattern.test(line))
            found.push(`${relative(file)}:${i + 1}: ${rule.what}: ${line.trim()}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('read uploaded files only through http/upload.ts', () => {
    const found = files(SRC, (n) => n.endsWith('.ts') && !n.endsWith('.test.ts'))
      .filter((f) => relative(f) !== 'http/upload.ts' && relative(f) !== 'http/form-input.ts')
      .filter((f) =>
        /\brequest\.(file|files|parts|saveRequestFiles)\s*\(/.test(fs.readFileSync(f, 'utf8')),
      )
      .map(relative);
    expect(found).toEqual([]);
  });

  it('catches what it looks for (the rules themselves)', () => {
    const caught = (line: string) => RULES.some((r) => r.pattern.test(line));
    for (const bad of [
      'await sql`select 1`.execute(db);',
      "import { sql } from 'kysely';",
      "db.selectFrom('jobs').selectAll()",
      ".updateTable('jobs')",
      "import { listAudit } from '../audit/audit.repo.js';",
      'const db = deps.database.db;',
      'const partnership = request.partnership as Partnership;',
      'const body = request.body as Record<string, unknown>;',
      'const body = (request.body ?? {}) as Record<string, unknown>;',
      'const auditActor = (r: FastifyRequest) => ({ userId: r.user.id });',
      'actor.memberships.filter((m) => m.partnershipId === id)',
      'const file = await request.file();',
    ])
      expect(caught(bad), bad).toBe(true);
    for (const good of [
      'const { partnership, auditActor } = inPartnership(request);',
      'await tenancy.updateSettings(partnership, form.data, auditActor);',
      'return reply.page(`${V}/settings.njk`, settingsPage(partnership, form), 400);',
      "const upload = await receiveUpload(request, { maxBytes, prompt: 'Select a file' });",
    ])
      expect(caught(good), good).toBe(false);
  });
});
