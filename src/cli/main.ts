/**
 * The `anchorage` command. The database is the one ANCHORAGE_DATA_DIR (PGlite, default ./.data)
 * or DATABASE_URL (PostgreSQL server) selects; migrations are applied whenever it is opened.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { formatPounds, penceToPounds } from '../core/spend/amounts.js';
import {
  detectMapping,
  mappingFromNames,
  SPEND_FIELDS,
  type SpendField,
  type SpendMapping,
} from '../core/spend/mapping.js';
import {
  importSpendFile,
  inspectSpendFile,
  SpendImportError,
} from '../features/spend/spend-import.js';
import { importPostcodeDirectory } from '../reference/postcode-directory.js';
import { isEricHeader } from '../core/carbon/eric.js';
import { fyStartYearOf, isoDate } from '../core/periods.js';
import type { Organisation, Partnership } from '../db/schema.js';
import { ACTIVITY_TEMPLATE_KIND, ERIC_KIND } from '../features/carbon/activity-import.js';
import { importCollected, type CollectedResult } from '../features/imports/collected.js';
import { ImportError, inspectFile } from '../features/imports/files.js';
import { PAYROLL_KIND } from '../features/workforce/payroll-import.js';
import { annualReport } from '../core/report/content.js';
import { fyLabel } from '../features/publishing/publishing.service.js';
import { reportsService } from '../features/reports/reports.service.js';
import { FactorFileError } from '../core/carbon/factors.js';
import { ConfigError, loadConfig, type Config } from '../config.js';
import { DomainError } from '../core/errors.js';
import { isOrganisationType, ORGANISATION_TYPES } from '../core/organisation-types.js';
import { isPillarId } from '../core/pillars.js';
import { isOrganisationRole, isRole, ROLES } from '../core/roles.js';
import { DatabaseInUseError } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { demoCredentialsText, seedDemo } from '../demo/seed.js';
import { listAudit, CLI_ACTOR } from '../features/audit/audit.repo.js';
import { findOrganisationByCode, findPartnershipBySlug } from '../features/tenancy/tenancy.repo.js';
import { organisationSchema, slugSchema, emailSchema } from '../features/tenancy/tenancy.schema.js';
import { createLogger } from '../logger.js';
import { bringUpToDate, openRuntime, type Runtime } from '../runtime.js';

export class CliError extends Error {}

/** Ends the command with an exit code after it has reported its own errors. */
export class CliExit extends Error {
  constructor(readonly code: number) {
    super(`exit ${code}`);
  }
}

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  readStdin: () => Promise<string>;
}

const defaultIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  readStdin: async () => {
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(Buffer.from(c as Buffer));
    return Buffer.concat(chunks).toString('utf8');
  },
};

function portOption() {
  return new Option('-p, --port <port>', 'port to listen on (default: PORT or 3000)').argParser(
    (v) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        throw new InvalidArgumentError('must be a number from 0 to 65535');
      }
      return String(n);
    },
  );
}

/** Flags override the environment; the command line logs only warnings unless LOG_LEVEL says otherwise. */
function configFrom(
  overrides: Record<string, string | undefined> = {},
  defaults: Record<string, string> = { LOG_LEVEL: 'warn' },
): Config {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(overrides)) if (v !== undefined) clean[k] = v;
  return loadConfig(undefined, clean, defaults);
}

const SAVING_STEPS = {
  saving: 'saving',
  matching: 'matching suppliers to the register',
  adding: 'adding the lines',
  finishing: 'reconciling',
} as const;

async function withRuntime<T>(config: Config, fn: (rt: Runtime) => Promise<T>): Promise<T> {
  const rt = await openRuntime(config, createLogger(config.logLevel));
  try {
    return await fn(rt);
  } finally {
    await rt.close();
  }
}

export function buildProgram(io: Io = defaultIo): Command {
  const program = new Command()
    .name('anchorage')
    .description(
      'Anchorage: social value charters, returns and public accountability for anchor institutions.\n' +
        'The database is PGlite in ANCHORAGE_DATA_DIR (default ./.data), or the PostgreSQL server in DATABASE_URL.',
    )
    .showHelpAfterError()
    .configureOutput({ writeOut: io.out, writeErr: io.err })
    // Before the subcommands are added, so that they inherit it: errors and --help return
    // an exit code to runCli instead of ending the process.
    .exitOverride();

  program
    .command('serve')
    .description('Run the web service')
    .addOption(portOption())
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .action(async (opts: { port?: string; host?: string }) => {
      const config = configFrom({ PORT: opts.port, HOST: opts.host }, {});
      const runtime = await openRuntime(config);
      const { startServer, closeOnSignals } = await import('../server.js');
      const server = await startServer(runtime);
      closeOnSignals(server, runtime.logger);
      io.out(`Anchorage is running at ${server.url}`);
    });

  program
    .command('migrate')
    .description(
      'Apply any database migrations not yet applied, bring every partnership up to date with the catalogue and the calculators, then exit',
    )
    .action(async () => {
      const config = configFrom();
      const { openDatabase } = await import('../db/client.js');
      const database = await openDatabase(config.database);
      try {
        const applied = await migrate(database);
        await bringUpToDate(database, createLogger(config.logLevel));
        io.out(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
      } finally {
        await database.close();
      }
    });

  program
    .command('demo')
    .description('Create the demonstration partnership if it is missing, then run the web service')
    .addOption(portOption())
    .option('--host <host>', 'address to listen on (default: HOST or 127.0.0.1)')
    .option('--seed-only', 'create the demonstration data, then exit without serving')
    .action(async (opts: { port?: string; host?: string; seedOnly?: boolean }) => {
      const config = configFrom({ PORT: opts.port, HOST: opts.host });
      const runtime = await openRuntime(config);
      const { created } = await seedDemo(runtime.deps).catch(async (err: unknown) => {
        await runtime.close();
        throw err;
      });
      io.out(
        created
          ? 'Created the demonstration partnership.'
          : 'The demonstration partnership already exists; kept as it is.',
      );
      if (opts.seedOnly) {
        await runtime.close();
        return;
      }
      const { startServer, closeOnSignals } = await import('../server.js');
      const server = await startServer(runtime);
      closeOnSignals(server, runtime.logger);
      io.out(demoCredentialsText(server.url));
    });

  const partnership = program.command('partnership').description('Manage partnerships');
  partnership
    .command('create')
    .description('Create a partnership')
    .requiredOption('--slug <slug>', 'short name used in web addresses, like cheshire-merseyside')
    .requiredOption('--name <name>', 'full name')
    .option(
      '--area <codes>',
      'local authority district codes, comma-separated, like E08000012,E08000015',
    )
    .option('--fy-start-month <month>', 'month the financial year starts, 1 to 12', '4')
    .option('--public', 'show the partnership on the public site')
    .action(
      async (opts: {
        slug: string;
        name: string;
        area?: string;
        fyStartMonth: string;
        public?: boolean;
      }) => {
        const slug = parseWith(slugSchema, opts.slug, '--slug');
        const month = Number(opts.fyStartMonth);
        if (!Number.isInteger(month) || month < 1 || month > 12) {
          throw new CliError('--fy-start-month must be a whole number from 1 to 12');
        }
        await withRuntime(configFrom(), async ({ deps }) => {
          const area = (opts.area ?? '')
            .split(',')
            .map((c) => c.trim())
            .filter(Boolean);
          const unknown = area.filter((c) => !deps.districts.has(c));
          if (unknown.length) throw new CliError(`Unknown district code(s): ${unknown.join(', ')}`);
          const { partnership: p } = await deps.tenancy.createPartnership(
            {
              slug,
              name: opts.name.trim(),
              localArea: area,
              fyStartMonth: month,
              isPublic: !!opts.public,
            },
            CLI_ACTOR,
          );
          io.out(`Created partnership ${p.slug} (${p.name}).`);
        });
      },
    );

  const org = program.command('org').description('Manage organisations');
  org
    .command('create')
    .description('Add an organisation to a partnership')
    .requiredOption('--partnership <slug>', 'the partnership’s short name')
    .requiredOption(
      '--code <code>',
      'organisation code (ODS code for NHS bodies), unique in the partnership',
    )
    .requiredOption('--name <name>', 'organisation name')
    .addOption(
      new Option('--type <type>', 'kind of organisation')
        .choices(ORGANISATION_TYPES.map((t) => t.id))
        .default('other'),
    )
    .option('--postcode <postcode>', 'postcode of its main site')
    .option('--london-weighting', 'staff are paid London weighting')
    .action(
      async (opts: {
        partnership: string;
        code: string;
        name: string;
        type: string;
        postcode?: string;
        londonWeighting?: boolean;
      }) => {
        if (!isOrganisationType(opts.type)) throw new CliError(`Unknown type ${opts.type}`);
        await withRuntime(configFrom(), async ({ deps }) => {
          const p = await requirePartnership(deps.database.db, opts.partnership);
          let postcode = opts.postcode;
          if (!postcode && /^[A-Z0-9]{3,5}$/i.test(opts.code))
            postcode = deps.nhsTrusts.get(opts.code)?.postcode;
          const parsed = organisationSchema.safeParse({
            name: opts.name,
            type: opts.type,
            code: opts.code,
            postcode: postcode ?? '',
            londonWeighting: opts.londonWeighting ? 'yes' : '',
          });
          if (!parsed.success) {
            throw new CliError(
              parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('\n'),
            );
          }
          const o = await deps.tenancy.createOrganisation(p.id, parsed.data, CLI_ACTOR);
          io.out(`Added ${o.name} (${o.code}) to ${p.slug}.`);
        });
      },
    );

  const users = program.command('users').description('Manage user accounts');
  users
    .command('create')
    .description(
      'Create an account, optionally with a role. Without --password-stdin, prints a one-off link to set a password.',
    )
    .requiredOption('--email <email>', 'email address (the sign-in name)')
    .requiredOption('--name <name>', 'full name')
    .option('--password-stdin', 'read the password from standard input')
    .option('--platform-admin', 'make the account a platform administrator')
    .option('--partnership <slug>', 'give a role in this partnership')
    .addOption(new Option('--role <role>', 'the role to give').choices([...ROLES]))
    .option('--org <code>', 'the organisation, for organisation roles')
    .option('--pillars <ids>', 'for contributors: limit to these pillars, comma-separated')
    .action(
      async (opts: {
        email: string;
        name: string;
        passwordStdin?: boolean;
        platformAdmin?: boolean;
        partnership?: string;
        role?: string;
        org?: string;
        pillars?: string;
      }) => {
        const email = parseWith(emailSchema, opts.email, '--email');
        if (!!opts.partnership !== !!opts.role)
          throw new CliError('--partnership and --role go together');
        const pillars =
          opts.pillars
            ?.split(',')
            .map((p) => p.trim())
            .filter(Boolean) ?? null;
        if (pillars && !pillars.every(isPillarId))
          throw new CliError('--pillars: unknown pillar id');
        const password = opts.passwordStdin
          ? (await io.readStdin()).replace(/\r?\n$/, '')
          : undefined;
        if (password !== undefined && password.length < 12) {
          throw new CliError('The password must be at least 12 characters');
        }
        await withRuntime(configFrom(), async ({ deps }) => {
          let membership;
          if (opts.partnership && opts.role) {
            if (!isRole(opts.role)) throw new CliError(`Unknown role ${opts.role}`);
            const p = await requirePartnership(deps.database.db, opts.partnership);
            let organisationId: string | null = null;
            if (isOrganisationRole(opts.role)) {
              if (!opts.org) throw new CliError(`--org is needed for the role ${opts.role}`);
              const o = await findOrganisationByCode(deps.database.db, p.id, opts.org);
              if (!o) throw new CliError(`No organisation with code ${opts.org} in ${p.slug}`);
              organisationId = o.id;
            } else if (opts.org) {
              throw new CliError(`--org does not apply to the role ${opts.role}`);
            }
            membership = {
              partnershipId: p.id,
              organisationId,
              role: opts.role,
              pillars: opts.role === 'contributor' ? pillars : null,
            };
          }
          const user = await deps.accounts.createUser(
            {
              email,
              displayName: opts.name.trim(),
              ...(password ? { password } : {}),
              platformAdmin: !!opts.platformAdmin,
              ...(membership ? { membership } : {}),
            },
            CLI_ACTOR,
          );
          io.out(
            `Account ready: ${user.email}${membership ? ` (${opts.role} in ${opts.partnership})` : ''}.`,
          );
          if (!user.password_hash) {
            io.out(
              `Set a password within 1 hour at: ${await deps.accounts.createSetPasswordLink(user.id)}`,
            );
          }
        });
      },
    );

  /** A financial year as the command line gives it: "2024-25" (or "2024/25") → 2024. */
  const periodOption = (value: string): number => {
    const m = /^(\d{4})[-/](\d{2})$/.exec(value.trim());
    if (!m || (Number(m[1]) + 1) % 100 !== Number(m[2]))
      throw new InvalidArgumentError('use a financial year like 2024-25');
    return Number(m[1]);
  };
  /**
   * Imports each file into one organisation, printing one line per file (with --json, one JSON
   * object); a file that cannot be read is said on standard error and the command exits 1.
   */
  const importEach = async (
    files: string[],
    opts: { partnership: string; org: string; json?: boolean },
    run: (
      deps: Runtime['deps'],
      target: { partnership: Partnership; organisation: Organisation },
      file: string,
    ) => Promise<{ json: Record<string, unknown>; words: string }>,
  ) => {
    await withRuntime(configFrom(), async ({ deps }) => {
      const db = deps.database.db;
      const partnership = await requirePartnership(db, opts.partnership);
      const organisation = await findOrganisationByCode(db, partnership.id, opts.org);
      if (!organisation)
        throw new CliError(`No organisation with code ${opts.org} in ${partnership.slug}`);
      let failed = 0;
      for (const file of files) {
        if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
          io.err(`anchorage: ${file}: no such file`);
          failed++;
          continue;
        }
        try {
          const { json, words } = await run(deps, { partnership, organisation }, file);
          io.out(
            opts.json ? JSON.stringify({ file, ...json }) : `${path.basename(file)}: ${words}`,
          );
        } catch (err) {
          if (err instanceof ImportError) {
            io.err(`anchorage: ${file}: ${err.message}`);
            failed++;
            continue;
          }
          throw err;
        }
      }
      if (failed) throw new CliExit(1);
    });
  };
  const thisYear = (p: Partnership) => fyStartYearOf(isoDate(new Date()), p.fy_start_month);
  const percent = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
  /** What every collected kind's line says: its rows, and the figures it produced. */
  const collectedLine = (result: CollectedResult<unknown>, figures: unknown, words: string) => ({
    json: {
      rows: result.rows,
      accepted: result.accepted,
      rejected: result.rejected,
      duplicates: result.duplicates,
      figures,
    },
    words: `${result.rows} rows: ${result.accepted} used, ${result.rejected} rejected${result.alreadyImported ? ' (this file was imported before: nothing was added)' : ''}. ${words}`,
  });

  const imports = program.command('import').description('Import data files');
  imports
    .command('spend')
    .description(
      'Import spend files (CSV or XLSX) into an organisation. With --json, prints one JSON object per file: ' +
        '{"file","rows","accepted","rejected","duplicates","amountAccepted","amountRejected","amountDuplicates"} (amounts in pounds). ' +
        'A file already imported adds nothing. Exit code 0 when every file was processed (even with rejected rows).',
    )
    .requiredOption('--partnership <slug>', 'the partnership’s short name')
    .requiredOption('--org <code>', 'the organisation the files belong to')
    .option('--json', 'one JSON object per file on standard output')
    .option(
      '--map <field=Header...>',
      `use this column for a field (${SPEND_FIELDS.map((f) => f.id).join(', ')}); repeatable`,
    )
    .argument('<files...>', 'spend files')
    .action(
      async (
        files: string[],
        opts: { partnership: string; org: string; json?: boolean; map?: string[] },
      ) => {
        const byName: Partial<Record<SpendField, string>> = {};
        for (const m of opts.map ?? []) {
          const [field, ...rest] = m.split('=');
          if (!field || !rest.length || !SPEND_FIELDS.some((f) => f.id === field))
            throw new CliError(
              `--map ${m}: use field=Header, with field one of ${SPEND_FIELDS.map((f) => f.id).join(', ')}`,
            );
          byName[field as SpendField] = rest.join('=');
        }
        await importEach(files, opts, async (deps, target, file) => {
          let mapping: SpendMapping | undefined;
          if (Object.keys(byName).length) {
            const inspection = await inspectSpendFile(file, 0);
            const given = mappingFromNames(inspection.headers, byName);
            if (given.unknown.length)
              throw new SpendImportError(
                `No column called ${given.unknown.join(', ')} in ${path.basename(file)}`,
              );
            mapping = { ...detectMapping(inspection.headers), ...given.mapping };
          }
          const started = Date.now();
          let lastShown = -1;
          const result = await importSpendFile({
            database: deps.database,
            ...target,
            filePath: file,
            fileName: path.basename(file),
            actor: CLI_ACTOR,
            ...(mapping ? { mapping } : {}),
            onProgress: (p) => {
              if (p.phase === 'reading') {
                const pct = p.total ? Math.floor((p.done / p.total) * 100) : 0;
                if (pct >= lastShown + 10) {
                  lastShown = pct;
                  io.err(`${path.basename(file)}: ${pct}% read`);
                }
              } else if (p.phase !== 'done') {
                io.err(`${path.basename(file)}: ${SAVING_STEPS[p.phase]}`);
              }
            },
          });
          return {
            json: {
              rows: result.rows,
              accepted: result.accepted,
              rejected: result.rejected,
              duplicates: result.duplicates,
              amountAccepted: penceToPounds(result.amountAcceptedPence),
              amountRejected: penceToPounds(result.amountRejectedPence),
              amountDuplicates: penceToPounds(result.amountDuplicatesPence),
            },
            words: `${result.rows} rows: ${result.accepted} added (${formatPounds(result.amountAcceptedPence)}), ${result.rejected} rejected (${formatPounds(result.amountRejectedPence)}), ${result.duplicates} already loaded (${formatPounds(result.amountDuplicatesPence)})${result.alreadyImported ? ' (this file was imported before)' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
          };
        });
      },
    );

  imports
    .command('payroll')
    .description(
      'Import payroll or HR extracts (CSV or XLSX) for an organisation and financial year. Personal data is reduced as the file is read: ' +
        'only counts are stored. With --json, prints one JSON object per file: {"file","rows","accepted","rejected","duplicates","figures"} ' +
        'where figures holds W1, W2, W4, W5 and W6 (percentages, null when not known) and W7, W8 (counts). ' +
        'A file already imported adds nothing. Exit code 0 when every file was processed (even with rejected rows).',
    )
    .requiredOption('--partnership <slug>', 'the partnership’s short name')
    .requiredOption('--org <code>', 'the organisation the extracts belong to')
    .option(
      '--period <YYYY-YY>',
      'the financial year the extract is for (default: this one)',
      periodOption,
    )
    .option('--json', 'one JSON object per file on standard output')
    .argument('<files...>', 'payroll extracts')
    .action(
      async (
        files: string[],
        opts: { partnership: string; org: string; period?: number; json?: boolean },
      ) => {
        await importEach(files, opts, async (deps, target, file) => {
          const result = await importCollected(PAYROLL_KIND, {
            database: deps.database,
            ...target,
            fyStartYear: opts.period ?? thisYear(target.partnership),
            filePath: file,
            fileName: path.basename(file),
            actor: CLI_ACTOR,
          });
          const f = result.summary?.figures;
          const figures = f
            ? {
                W1: percent(f.W1.percent),
                W2: percent(f.W2.percent),
                W4: percent(f.W4.percent),
                W5: percent(f.W5.percent),
                W6: percent(f.W6.percent),
                W7: f.W7,
                W8: f.W8,
              }
            : null;
          return collectedLine(
            result,
            figures,
            figures
              ? `W1 ${figures.W1 ?? 'not known'}%, W4 ${figures.W4 ?? 'not known'}%, W5 ${figures.W5 ?? 'not known'}% (${result.summary?.year}).`
              : '',
          );
        });
      },
    );

  imports
    .command('activity')
    .description(
      'Import environment activity data (CSV or XLSX) for an organisation and financial year: the activity template, or an NHS estates return (ERIC, trust level), ' +
        'whose row for the organisation is read (its code, or --trust). With --json, prints one JSON object per file: ' +
        '{"file","rows","accepted","rejected","duplicates","figures"} where figures holds the year\'s E1, E5 and E6 (tCO2e, exact decimals), E3 and E4 (%) at the year\'s own conversion factors, and the quantities recorded, by activity. ' +
        'Exit code 0 when every file was processed.',
    )
    .requiredOption('--partnership <slug>', 'the partnership’s short name')
    .requiredOption('--org <code>', 'the organisation the data belongs to')
    .option(
      '--period <YYYY-YY>',
      'the financial year (default: the year in an estates return’s file name, else this one)',
      periodOption,
    )
    .option(
      '--trust <code>',
      'the trust’s code in an estates return (default: the organisation’s code)',
    )
    .option('--json', 'one JSON object per file on standard output')
    .argument('<files...>', 'activity files')
    .action(
      async (
        files: string[],
        opts: { partnership: string; org: string; period?: number; trust?: string; json?: boolean },
      ) => {
        await importEach(files, opts, async (deps, target, file) => {
          const inspection = await inspectFile(file, ERIC_KIND.limits, 0);
          const eric = isEricHeader(inspection.headers);
          const named = /(\d{4})-(\d{2})/.exec(path.basename(file));
          const year =
            opts.period ??
            (eric && named ? Number(named[1]) : undefined) ??
            thisYear(target.partnership);
          const options = {
            database: deps.database,
            ...target,
            fyStartYear: year,
            option: opts.trust ?? null,
            filePath: file,
            fileName: path.basename(file),
            actor: CLI_ACTOR,
          };
          const result = eric
            ? await importCollected(ERIC_KIND, options)
            : await importCollected(ACTIVITY_TEMPLATE_KIND, options);
          // The year's figures as the environment page shows them, at the year's own factors.
          const env = await deps.environment.organisation(
            target.partnership.id,
            target.organisation.id,
            { years: [year], factorYear: null },
          );
          const y = env.years.find((e) => e.fyStartYear === year);
          const tonnes = (i: 'E1' | 'E5' | 'E6') =>
            y?.emissions && y.emissions.byIndicator[i].sources > 0
              ? y.emissions.byIndicator[i].tCO2e
              : null;
          const figures = {
            E1: tonnes('E1'),
            E3: y?.renewable?.percent ?? null,
            E4: y?.recycled?.percent ?? null,
            E5: tonnes('E5'),
            E6: tonnes('E6'),
            quantities: Object.fromEntries(
              [...(y?.rows.values() ?? [])].map((r) => [
                r.activity,
                r.quantity === null ? null : String(r.quantity),
              ]),
            ),
          };
          return collectedLine(
            result,
            figures,
            `${result.summary?.source ?? ''}: ${result.summary?.changed ?? 0} quantities changed (${result.summary?.year ?? ''}); E1 ${figures.E1 ?? 'not known'} tCO2e.`,
          );
        });
      },
    );

  const suppliers = program.command('suppliers').description('The supplier register');
  suppliers
    .command('import')
    .description(
      'Add or update supplier details from a CSV with columns supplier (or supplier_id) and any of postcode, type, vat_number, company_number, charity_number. Nothing is saved if any row has a problem.',
    )
    .requiredOption('--partnership <slug>', 'the partnership’s short name')
    .argument('<file>', 'CSV file')
    .action(async (file: string, opts: { partnership: string }) => {
      await withRuntime(configFrom(), async ({ deps }) => {
        const partnership = await requirePartnership(deps.database.db, opts.partnership);
        if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
        const result = await deps.suppliers.upload(
          partnership.id,
          fs.readFileSync(file),
          CLI_ACTOR,
        );
        if (result.problems.length) {
          for (const p of result.problems.slice(0, 50))
            io.err(`line ${p.line}, column ${p.column}: ${p.message}`);
          throw new CliError(`${result.problems.length} problem(s): nothing was saved`);
        }
        io.out(`Suppliers: ${result.added} added, ${result.updated} updated.`);
      });
    });

  const reference = program.command('reference').description('Reference data');
  reference
    .command('import-postcodes')
    .description(
      'Load a postcode directory (the ONS Postcode Directory or NSPL as CSV, about 2.7 million rows) for LSOA-level precision. It replaces the shipped sample; suppliers are placed again.',
    )
    .argument(
      '<file>',
      'CSV file with columns pcd or pcds, a district column (oslaua, laua or lad…) and lsoa11 and/or lsoa21',
    )
    .action(async (file: string) => {
      await withRuntime(configFrom(), async ({ deps }) => {
        if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
        const rows = await importPostcodeDirectory(deps.database, file, (n) =>
          io.err(`${n.toLocaleString('en-GB')} postcodes loaded`),
        );
        const partnerships = await deps.database.db
          .selectFrom('partnerships')
          .select('id')
          .execute();
        for (const p of partnerships) await deps.suppliers.placeAgain(p.id, CLI_ACTOR);
        io.out(`Loaded ${rows.toLocaleString('en-GB')} postcodes; suppliers placed again.`);
      });
    });

  reference
    .command('import-factors')
    .description(
      'Load a conversion-factor file as a new set: the UK Government GHG flat file (any year, e.g. the 2022 full file or the 2025 scope 3 file) or the NHS factor series. A file already loaded is not loaded again. With --json, prints one line {"file", "year", "factors"}: the factor year (for the NHS series, its latest financial year’s first year) and the factor rows loaded (0 when the file was already loaded).',
    )
    .argument('<file>', 'CSV file')
    .option('--json', 'one JSON object on standard output')
    .action(async (file: string, opts: { json?: boolean }) => {
      await withRuntime(configFrom(), async ({ deps }) => {
        if (!fs.existsSync(file)) throw new CliError(`${file}: no such file`);
        let r;
        try {
          r = await deps.carbonFactors.loadFile(
            path.basename(file),
            fs.readFileSync(file),
            CLI_ACTOR,
          );
        } catch (err) {
          if (err instanceof FactorFileError) throw new CliError(`${file}: ${err.message}`);
          throw err;
        }
        if (r.alreadyLoaded)
          io.err(
            `${file}: this file was already loaded (set ${r.alreadyLoaded.version}, ${r.alreadyLoaded.name}); nothing was loaded again.`,
          );
        if (opts.json) io.out(JSON.stringify({ file: r.file, year: r.year, factors: r.factors }));
        else if (!r.alreadyLoaded)
          io.out(
            `Loaded ${r.factors.toLocaleString('en-GB')} conversion factors for ${r.years.length > 1 ? `${r.years[0]} to ${r.years[r.years.length - 1]}` : r.year}.`,
          );
      });
    });

  program
    .command('report')
    .description(
      'Write the annual report of a published financial year as a PDF (tagged, A4): the partnership’s, or with --organisation one organisation’s. ' +
        'It is made from the latest revision of the year’s published figures, as the report’s web page is.',
    )
    .requiredOption('--partnership <slug>', 'the partnership’s short name')
    .requiredOption('--year <YYYY-YY>', 'the financial year, like 2025-26', periodOption)
    .requiredOption('--out <file>', 'where to write the PDF')
    .option('--organisation <code>', 'the report of this organisation (its code)')
    .action(
      async (opts: { partnership: string; year: number; out: string; organisation?: string }) => {
        await withRuntime(configFrom(), async ({ deps }) => {
          const p = await requirePartnership(deps.database.db, opts.partnership);
          let organisationId: string | null = null;
          if (opts.organisation) {
            const o = await findOrganisationByCode(deps.database.db, p.id, opts.organisation);
            if (!o)
              throw new CliError(`No organisation with code ${opts.organisation} in ${p.slug}`);
            organisationId = o.id;
          }
          const reports = reportsService(deps);
          const input = await reports.input(p, opts.year, organisationId);
          if (!input) {
            const published = await deps.publishing.publishedYears(p.id);
            if (!published.some((y) => y.fyStartYear === opts.year))
              throw new CliError(
                `${p.slug} has not published its figures for ${fyLabel(opts.year)}` +
                  (published.length
                    ? `: the years published are ${published.map((y) => fyLabel(y.fyStartYear)).join(', ')}`
                    : ': it has published no figures yet'),
              );
            throw new CliError(
              `${opts.organisation ?? ''} is not among the organisations of ${p.slug}’s publication for ${fyLabel(opts.year)}`,
            );
          }
          const started = Date.now();
          const pdf = await reports.pdf(annualReport(input));
          fs.writeFileSync(opts.out, pdf);
          io.out(
            `Wrote the annual report for ${fyLabel(opts.year)} (revision ${input.publication.revision}) to ${opts.out}: ${Math.ceil(pdf.length / 1024).toLocaleString('en-GB')} KB in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          );
        });
      },
    );

  program
    .command('audit')
    .description('Print recent audit log entries, newest first')
    .option('--partnership <slug>', 'only this partnership')
    .option('-n, --limit <n>', 'how many entries', '20')
    .option('--json', 'one JSON object per line')
    .action(async (opts: { partnership?: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 10_000)
        throw new CliError('--limit must be 1 to 10000');
      await withRuntime(configFrom(), async ({ deps }) => {
        const db = deps.database.db;
        const p = opts.partnership ? await requirePartnership(db, opts.partnership) : undefined;
        const rows = await listAudit(db, { limit, ...(p ? { partnershipId: p.id } : {}) });
        for (const r of rows) {
          if (opts.json) {
            io.out(JSON.stringify({ ...r, at: r.at.toISOString() }));
          } else {
            io.out(
              `${r.at.toISOString()}  ${r.actor_label}  ${r.action}  ${r.entity}${r.entity_id ? ` ${r.entity_id}` : ''}${r.partnership_slug ? `  [${r.partnership_slug}]` : ''}`,
            );
          }
        }
        if (!rows.length && !opts.json) io.out('No audit entries.');
      });
    });

  return program;
}

async function requirePartnership(db: Runtime['database']['db'], slug: string) {
  const p = await findPartnershipBySlug(db, slug);
  if (!p) throw new CliError(`No partnership with the short name ${slug}`);
  return p;
}

function parseWith<T>(
  schema: {
    safeParse(
      v: unknown,
    ): { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
  },
  value: unknown,
  flag: string,
): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new CliError(`${flag}: ${r.error.issues[0]?.message ?? 'not valid'}`);
  return r.data;
}

/** Runs the command line; returns the exit code. */
export async function runCli(argv: string[], io: Io = defaultIo): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode;
    if (err instanceof CliExit) return err.code;
    if (
      err instanceof CliError ||
      err instanceof ConfigError ||
      err instanceof DatabaseInUseError
    ) {
      io.err(`anchorage: ${err.message}`);
      return 1;
    }
    if (err instanceof DomainError) {
      io.err(`anchorage: ${err.userMessage ?? err.message}`);
      return 1;
    }
    io.err(`anchorage: ${(err as Error).stack ?? String(err)}`);
    return 1;
  }
}
