/**
 * Sends hostile files to a running demo, as an attacker would, and reports what each cost the
 * server: how long until it was answered, the server's peak memory (RSS, sampled every 20 ms)
 * while it was handled, and whether /health kept answering (polled every 100 ms, 2 s timeout).
 *
 *   node --import tsx scripts/hostile-files.ts [--data-dir DIR]
 *
 * It starts `anchorage demo` on a free loopback port in a child process (a new data directory
 * unless --data-dir names one to reuse: seeding the demo takes a minute or two), signs in as the
 * demo's organisation lead, sends each file, and stops the server. The files are made in memory.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DEMO_PASSWORD, DEMO_SLUG } from '../src/demo/seed.js';
import { rowXml, xlsx } from '../test/helpers/zip.js';

const MB = 1024 * 1024;
const args = process.argv.slice(2);
const dataDirArg = args.includes('--data-dir') ? args[args.indexOf('--data-dir') + 1] : undefined;
const dataDir = dataDirArg ?? fs.mkdtempSync(path.join(os.tmpdir(), 'anchorage-hostile-'));

function out(line: string) {
  process.stdout.write(`${line}\n`);
}

// ----- The files -----

const SHEET_HEAD = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
);
const SHEET_TAIL = Buffer.from('</sheetData></worksheet>');

/** A sheet of `bytes` of repeated rows: about 1.4 MB as a file when `bytes` is 408 MB. */
function bombSheet(bytes: number): Buffer {
  return Buffer.concat([
    SHEET_HEAD,
    Buffer.alloc(bytes, rowXml(1, ['item_id', 'value', 'Supplier', 'Amount'])),
    SHEET_TAIL,
  ]);
}

/** One cell of `bytes` characters in the first row: one letter repeated, or random text. */
function hugeCellSheet(bytes: number, random = false): Buffer {
  return Buffer.concat([
    SHEET_HEAD,
    Buffer.from('<row r="1"><c r="A1" t="inlineStr"><is><t>'),
    random
      ? Buffer.from(randomBytes(Math.ceil((bytes * 3) / 4)).toString('base64'))
      : Buffer.alloc(bytes, 'x'),
    Buffer.from('</t></is></c></row>'),
    SHEET_TAIL,
  ]);
}

interface Hostile {
  readonly name: string;
  readonly where: 'spend' | 'return' | 'suppliers';
  readonly file: string;
  readonly make: () => Buffer;
}

const wideCsv = (columns: number) =>
  Buffer.from(
    `${Array.from({ length: columns }, (_, i) => `c${i}`).join(',')}\n${Array.from({ length: columns }, () => '1').join(',')}\n`,
  );

const HOSTILE: Hostile[] = [
  {
    name: 'XLSX, 408 MB of sheet XML (declared)',
    where: 'return',
    file: 'bomb.xlsx',
    make: () => xlsx({ sheetData: bombSheet(408 * MB) }),
  },
  {
    name: 'XLSX, 408 MB of sheet XML (declared 100 KB)',
    where: 'return',
    file: 'bomb-lying.xlsx',
    make: () => xlsx({ sheetData: bombSheet(408 * MB), sheetDeclaredSize: 100 * 1024 }),
  },
  {
    name: 'XLSX, one 700 MB cell',
    where: 'return',
    file: 'cell.xlsx',
    make: () => xlsx({ sheetData: hugeCellSheet(700 * MB) }),
  },
  {
    name: 'XLSX, one 700 MB cell (declared 1 MB)',
    where: 'return',
    file: 'cell-lying.xlsx',
    make: () => xlsx({ sheetData: hugeCellSheet(700 * MB), sheetDeclaredSize: MB }),
  },
  {
    name: 'XLSX, zip cut short',
    where: 'return',
    file: 'cut.xlsx',
    make: () => {
      const whole = xlsx({ sheetData: rowXml(1, ['item_id', 'value']) });
      return whole.subarray(0, Math.floor(whole.length * 0.7));
    },
  },
  {
    name: 'XLSX, 408 MB of sheet XML (declared)',
    where: 'spend',
    file: 'bomb.xlsx',
    make: () => xlsx({ sheetData: bombSheet(408 * MB) }),
  },
  {
    name: 'XLSX, 50 MB heading cell (compressible)',
    where: 'spend',
    file: 'heading.xlsx',
    make: () => xlsx({ sheetData: hugeCellSheet(50 * MB) }),
  },
  {
    name: 'XLSX, 50 MB heading cell (random text)',
    where: 'spend',
    file: 'heading-random.xlsx',
    make: () => xlsx({ sheetData: hugeCellSheet(50 * MB, true) }),
  },
  {
    name: 'XLSX, cells without references',
    where: 'spend',
    file: 'norefs.xlsx',
    make: () =>
      xlsx({
        sheetData:
          rowXml(0, ['Date', 'Supplier', 'Amount'], false) +
          rowXml(0, ['01/04/2025', 'Acme Ltd', '12.50'], false),
      }),
  },
  {
    name: 'CSV, 10,000 columns',
    where: 'spend',
    file: 'wide.csv',
    make: () => wideCsv(10_000),
  },
  {
    name: 'CSV, one 50 MB cell',
    where: 'spend',
    file: 'cell.csv',
    make: () =>
      Buffer.concat([
        Buffer.from('Date,Supplier,Amount\n01/04/2025,"'),
        Buffer.alloc(50 * MB, 'z'),
        Buffer.from('",1\n'),
      ]),
  },
  {
    name: 'CSV, 10,000 columns',
    where: 'suppliers',
    file: 'wide.csv',
    make: () => wideCsv(10_000),
  },
];

// ----- A small browser over loopback -----

class Browser {
  readonly cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly base: string) {}

  async request(pathname: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(this.base + pathname, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      },
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  async page(pathname: string): Promise<{ status: number; body: string; location: string }> {
    const res = await this.request(pathname);
    const body = await res.text();
    const field = /name="_csrf" value="([^"]+)"/.exec(body);
    const query = /[?&](?:amp;)?_csrf=([^"&]+)/.exec(body);
    if (field) this.csrf = field[1]!.replace(/&#x2F;/g, '/').replace(/&amp;/g, '&');
    else if (query) this.csrf = decodeURIComponent(query[1]!);
    return { status: res.status, body, location: res.headers.get('location') ?? '' };
  }

  async post(pathname: string, fields: Record<string, string>) {
    const body = new URLSearchParams({ ...fields, _csrf: this.csrf });
    const res = await this.request(pathname, {
      method: 'POST',
      body,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    return { status: res.status, location: res.headers.get('location') ?? '' };
  }

  async upload(pathname: string, name: string, content: Buffer) {
    // The token as a browser's form sends it: a field before the file (not in the address).
    const form = new FormData();
    form.append('_csrf', this.csrf);
    form.append('file', new Blob([content]), name);
    const res = await this.request(pathname, {
      method: 'POST',
      body: form,
    });
    return { status: res.status, body: await res.text() };
  }
}

// ----- Measuring -----

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

/**
 * Polls /health and samples the server's RSS from a worker thread, so that this process's own
 * work (sending a 50 MB file) does not delay the measurements.
 */
const WATCHER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { base, pid } = workerData;
const rss = () => Number(/VmRSS:\\s+(\\d+) kB/.exec(fs.readFileSync('/proc/' + pid + '/status', 'utf8'))[1]) * 1024;
let running = true, peak = rss(), slowest = 0, failures = 0;
const sampler = setInterval(() => { peak = Math.max(peak, rss()); }, 20);
parentPort.on('message', () => { running = false; });
(async () => {
  while (running) {
    const started = Date.now();
    try {
      const res = await fetch(base + '/health', { signal: AbortSignal.timeout(2000) });
      if (!res.ok) failures++;
      await res.arrayBuffer();
    } catch { failures++; }
    slowest = Math.max(slowest, Date.now() - started);
    await new Promise((r) => setTimeout(r, 100));
  }
  clearInterval(sampler);
  parentPort.postMessage({ peak: Math.max(peak, rss()), slowest, failures });
})();
`;

async function measure<T>(pid: number, base: string, work: () => Promise<T>) {
  const watcher = new Worker(WATCHER, { eval: true, workerData: { base, pid } });
  const report = new Promise<{ peak: number; slowest: number; failures: number }>((resolve) =>
    watcher.once('message', resolve),
  );
  const started = Date.now();
  const result = await work();
  const seconds = (Date.now() - started) / 1000;
  watcher.postMessage('stop');
  const r = await report;
  await watcher.terminate();
  return { result, seconds, peak: r.peak, slowestHealth: r.slowest, healthFailures: r.failures };
}

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');

/** The first sentence of the page that says what is wrong with the file. */
function messageOf(body: string): string {
  const text = plain(body);
  const table = text.indexOf('Problems in the file');
  const m =
    /(?:The (?:file|spreadsheet|cell|column heading)|(?:Line|Row) \d[\d,]* has|A cell)[^.]*\./.exec(
      table >= 0 ? text.slice(table + 20) : text,
    );
  return m ? m[0] : '';
}

// ----- The run -----

async function main() {
  out(`Data directory: ${dataDir}`);
  const child = spawn(process.execPath, ['bin/anchorage.mjs', 'demo', '--port', '0'], {
    env: {
      ...process.env,
      ANCHORAGE_DATA_DIR: dataDir,
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const stop = () => {
    if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.on('exit', stop);
  try {
    const base = await new Promise<string>((resolve, reject) => {
      let seen = '';
      child.stdout.on('data', (d: Buffer) => {
        seen += d.toString();
        const m = /(http:\/\/[^\s/]+)\/sign-in/.exec(seen);
        if (m) resolve(m[1]!);
      });
      child.on('exit', (code) => reject(new Error(`the demo stopped (${code}): ${seen}`)));
    });
    out(`Demo at ${base} (server process ${child.pid})`);
    const pid = child.pid!;
    const browser = new Browser(base);
    await browser.page('/sign-in');
    const signIn = await browser.post('/sign-in', {
      email: 'org-lead@demo.anchorage.example',
      password: DEMO_PASSWORD,
    });
    if (signIn.status !== 303) throw new Error(`sign-in answered ${signIn.status}`);

    // The organisation the lead imports for, and a return they can still change.
    const home = await browser.page(`/manage/${DEMO_SLUG}`);
    const orgIds = [
      ...new Set([...home.body.matchAll(/\/organisations\/([0-9a-f-]{36})/g)].map((m) => m[1]!)),
    ];
    let orgId = '';
    for (const id of orgIds) {
      const page = await browser.page(`/manage/${DEMO_SLUG}/organisations/${id}/spend/import`);
      if (page.status === 200) {
        orgId = id;
        break;
      }
    }
    if (!orgId) throw new Error('no organisation to import spend for');
    const org = `/manage/${DEMO_SLUG}/organisations/${orgId}`;
    const returns = await browser.page(`${org}/returns`);
    let returnPath = '';
    for (const m of returns.body.matchAll(/\/returns\/([0-9a-f-]{36})"/g)) {
      const candidate = `${org}/returns/${m[1]}`;
      await browser.page(`${candidate}/upload`);
      const probe = await browser.upload(
        `${candidate}/upload`,
        'probe.csv',
        Buffer.from('item_id,value\n'),
      );
      if (probe.status !== 409 && probe.status !== 403) {
        returnPath = candidate;
        break;
      }
    }
    // Every return of the demo's organisation may be sent for review or approved already: the
    // files for a return are then left out, and the table says so.
    if (!returnPath)
      out('No return of the organisation can be changed: the return files are left out.');

    const target = (where: Hostile['where']) =>
      where === 'spend'
        ? `${org}/spend/import`
        : where === 'return'
          ? `${returnPath}/upload`
          : `/manage/${DEMO_SLUG}/suppliers/upload`;

    out(`Baseline RSS: ${Math.round(rssOf(pid) / MB)} MB`);
    out('');
    out(
      '| Upload | File | Size | Status | Seconds | Peak RSS | Slowest /health | /health failures | Message |',
    );
    out('|---|---|---|---|---|---|---|---|---|');
    for (const h of HOSTILE) {
      if (h.where === 'return' && !returnPath) continue;
      const content = h.make();
      await browser.page(target(h.where));
      const m = await measure(pid, base, () => browser.upload(target(h.where), h.file, content));
      const size =
        content.length >= MB
          ? `${(content.length / MB).toFixed(1)} MB`
          : `${Math.round(content.length / 1024)} KB`;
      out(
        `| ${h.where} | ${h.name} | ${size} | ${m.result.status} | ${m.seconds.toFixed(2)} | ${Math.round(m.peak / MB)} MB | ${m.slowestHealth} ms | ${m.healthFailures} | ${messageOf(m.result.body).slice(0, 110)} |`,
      );
    }
  } finally {
    stop();
    await new Promise((r) => (child.exitCode === null ? child.once('exit', r) : r(null)));
    if (!dataDirArg) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
