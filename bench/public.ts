/**
 * `npm run bench:public [-- --seconds N --connections N]`
 *
 * Starts the service in production mode (templates cached) on a fresh temporary PGlite data
 * folder with the demo seeded, listening on 127.0.0.1 on a free port, and measures with
 * autocannon (a child process, on loopback) the requests per second and p99 latency of four
 * public pages: the partnership's home, a pillar page, an organisation page and the figures CSV.
 * Each is compared with a ceiling: a bench-only route on the same Fastify instance, registered
 * here and never in the app, that answers the exact bytes and content type of that page from
 * memory. Each route is warmed up for 3 s, then measured for N seconds (default 10) at N
 * connections (default 50). Also checks that `/p/demo` answers 304 to its own ETag. Prints the
 * table and writes it into docs/performance.md under "Public pages (bench:public)".
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { DEMO_SLUG, seedDemo } from '../src/demo/seed.js';
import { createLogger } from '../src/logger.js';
import { openRuntime, type Runtime } from '../src/server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DOCS = path.join(ROOT, 'docs', 'performance.md');
const AUTOCANNON = path.join(ROOT, 'node_modules', 'autocannon', 'autocannon.js');
const HEADING = '## Public pages (bench:public)';
const WARM_UP_SECONDS = 3;
const TARGETS = { ratio: 0.5, p99Ms: 100 };
const STOP_TIMEOUT_MS = 15_000;

interface Options {
  readonly seconds: number;
  readonly connections: number;
}

function parseOptions(argv: string[]): Options {
  const options = { seconds: 10, connections: 50 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const key = ({ '--seconds': 'seconds', '--connections': 'connections' } as const)[
      arg as '--seconds' | '--connections'
    ] as 'seconds' | 'connections' | undefined;
    const value = Number(argv[++i]);
    if (!key || !Number.isInteger(value) || value < 1) {
      throw new Error(`Unknown or invalid option ${arg}. Use --seconds N, --connections N.`);
    }
    options[key] = value;
  }
  return options;
}

function log(text: string) {
  process.stderr.write(`${text}\n`);
}

interface Load {
  readonly rps: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** Runs autocannon in its own process (so it does not share the server's event loop). */
async function cannon(url: string, seconds: number, connections: number): Promise<Load> {
  const child = spawn(
    process.execPath,
    [AUTOCANNON, '--json', '-c', String(connections), '-d', String(seconds), url],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) throw new Error(`autocannon failed (exit ${code}): ${stderr.slice(-2000)}`);
  const r = JSON.parse(stdout) as {
    requests: { average: number };
    latency: { p99: number };
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  return {
    rps: r.requests.average,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

interface Row {
  readonly name: string;
  readonly path: string;
  readonly bytes: number;
  readonly page: Load;
  readonly ceiling: Load;
}

function table(rows: Row[], connections: number): string {
  const lines = [
    `| Route | Size | req/s | p99 ms | Ceiling req/s | Ratio (target ≥ ${TARGETS.ratio}) | p99 < ${TARGETS.p99Ms} ms? | Errors / non-2xx |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const r of rows) {
    const ratio = r.page.rps / r.ceiling.rps;
    lines.push(
      `| ${r.name} \`${r.path}\` | ${(r.bytes / 1024).toFixed(1)} KB | ${r.page.rps.toFixed(0)} | ${r.page.p99} | ` +
        `${r.ceiling.rps.toFixed(0)} | ${ratio.toFixed(2)} ${ratio >= TARGETS.ratio ? 'ok' : 'MISSED'} | ` +
        `${r.page.p99 < TARGETS.p99Ms ? 'yes' : 'NO'} | ${r.page.errors + r.ceiling.errors} / ${r.page.non2xx + r.ceiling.non2xx} |`,
    );
  }
  lines.push('', `(${connections} connections; ceiling = the same bytes from memory.)`);
  return lines.join('\n');
}

function writeDocs(section: string) {
  const text = fs.readFileSync(DOCS, 'utf8');
  const start = text.indexOf(`${HEADING}\n`);
  let next: string;
  if (start < 0) {
    next = `${text.trimEnd()}\n\n${section}`;
  } else {
    const after = text.indexOf('\n## ', start + HEADING.length);
    next = text.slice(0, start) + section + (after < 0 ? '' : `\n${text.slice(after + 1)}`);
  }
  fs.writeFileSync(DOCS, next.endsWith('\n') ? next : `${next}\n`);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      promise,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-bench-public-'));
  const config = loadConfig(
    {},
    {
      NODE_ENV: 'production',
      SESSION_SECRET: randomBytes(32).toString('hex'),
      ANCHORAGE_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'warn',
      WATCH_TEMPLATES: 'false',
    },
  );
  let runtime: Runtime | undefined;
  let app: Awaited<ReturnType<typeof createApp>> | undefined;
  try {
    log(`Seeding the demo into ${dataDir} …`);
    runtime = await openRuntime(config, createLogger(config.logLevel));
    await seedDemo(runtime.deps);
    const org = await runtime.database.db
      .selectFrom('organisations')
      .innerJoin('partnerships', 'partnerships.id', 'organisations.partnership_id')
      .select('organisations.id')
      .where('partnerships.slug', '=', DEMO_SLUG)
      .orderBy('organisations.created_at')
      .orderBy('organisations.code')
      .executeTakeFirstOrThrow();
    const routes = [
      { name: 'Partnership home', path: `/p/${DEMO_SLUG}` },
      { name: 'Pillar page', path: `/p/${DEMO_SLUG}/pillars/workforce` },
      { name: 'Organisation page', path: `/p/${DEMO_SLUG}/organisations/${org.id}` },
      { name: 'Figures CSV', path: `/p/${DEMO_SLUG}/figures/2025-26/figures.csv` },
    ];

    app = await createApp(runtime.deps);
    // Bench only: the exact bytes of each page, answered from memory on the same instance.
    const memory: { body: Buffer; contentType: string }[] = [];
    app.get<{ Params: { n: string } }>(
      '/__bench/memory/:n',
      { config: { access: 'public' } },
      async (request, reply) => {
        const m = memory[Number(request.params.n)];
        if (!m) return reply.code(404).send('');
        return reply.header('content-type', m.contentType).send(m.body);
      },
    );
    for (const r of routes) {
      const res = await app.inject({ method: 'GET', url: r.path });
      if (res.statusCode !== 200) throw new Error(`${r.path} answered ${res.statusCode}`);
      memory.push({ body: res.rawPayload, contentType: String(res.headers['content-type']) });
    }
    await withTimeout(app.listen({ host: '127.0.0.1', port: 0 }), 30_000, 'listening');
    const address = app.server.address();
    if (!address || typeof address !== 'object') throw new Error('The server has no address.');
    const base = `http://127.0.0.1:${address.port}`;
    log(`Listening at ${base}`);

    // The ETag check: a second GET with the tag the first returned is answered 304.
    const first = await fetch(`${base}/p/${DEMO_SLUG}`);
    await first.arrayBuffer();
    const etag = first.headers.get('etag');
    const second = await fetch(`${base}/p/${DEMO_SLUG}`, {
      headers: etag ? { 'if-none-match': etag } : {},
    });
    await second.arrayBuffer();
    const etagLine = `Second GET of /p/${DEMO_SLUG} with its ETag (${etag ?? 'none'}): ${second.status} ${second.status === 304 ? 'ok' : 'FAILED (expected 304)'}`;

    const rows: Row[] = [];
    for (const [i, r] of routes.entries()) {
      const measure = async (url: string) => {
        await cannon(url, WARM_UP_SECONDS, options.connections);
        return cannon(url, options.seconds, options.connections);
      };
      log(`  ${r.path} …`);
      const page = await measure(`${base}${r.path}`);
      const ceiling = await measure(`${base}/__bench/memory/${i}`);
      rows.push({ ...r, bytes: memory[i]!.body.length, page, ceiling });
    }

    const printed = table(rows, options.connections);
    const met =
      second.status === 304 &&
      rows.every((r) => r.page.rps / r.ceiling.rps >= TARGETS.ratio && r.page.p99 < TARGETS.p99Ms);
    process.stdout.write(`\n${printed}\n\n${etagLine}\nTargets met: ${met ? 'yes' : 'no'}\n`);

    const args = process.argv.slice(2).join(' ');
    const command = `npm run bench:public${args ? ` -- ${args}` : ''}`;
    writeDocs(`${HEADING}

Measured on ${new Date().toISOString().slice(0, 10)} with \`${command}\` on Node.js
${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown CPU'}), load
average ${os.loadavg()[0]!.toFixed(1)} at the end. The service runs in production mode (templates
cached) on a fresh PGlite data folder with the demo seeded, on 127.0.0.1; autocannon runs in
another process on the same machine, ${options.connections} connections, ${WARM_UP_SECONDS} s of
warm-up then ${options.seconds} s per route. The ceiling of each page is a bench-only route on the
same Fastify instance answering the same bytes and content type from memory (so through the
same hooks: headers, ETag). Targets: ratio ≥ ${TARGETS.ratio} and p99 < ${TARGETS.p99Ms} ms.

${printed}

${etagLine}. Targets met: ${met ? 'yes' : 'no'}.
`);
    log(`Written to ${path.relative(ROOT, DOCS)}`);
    return 0;
  } finally {
    try {
      if (app) await withTimeout(app.close(), STOP_TIMEOUT_MS, 'stopping the server');
      if (runtime) await withTimeout(runtime.close(), STOP_TIMEOUT_MS, 'closing the database');
    } catch (err) {
      log(String(err));
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(err instanceof Error ? (err.stack ?? err.message) : String(err));
    process.exit(1);
  },
);
