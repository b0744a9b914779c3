/**
 * Opening the service's database and services: config → logger → database → migrations → deps.
 * Apart from the web app (server.ts), so that a command that does not serve pages (an import, a
 * report) does not load it: the app's modules take about a second and a half to load.
 */
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { migrate } from './db/migrate.js';
import { bringFiguresUpToDate } from './features/figures/recalculate.js';
import { syncCatalogue } from './features/framework/catalogue-sync.js';
import { cleanUpInterruptedImports } from './features/spend/spend-import.js';
import { PERSONAL_JOB_KINDS } from './features/workforce/payroll-import.js';
import { ensureReferenceData } from './reference/geography.js';
import { FactorSetsService } from './features/carbon/factors.service.js';
import { buildDeps, type Deps } from './deps.js';
import { createLogger, type Logger } from './logger.js';

export interface Runtime {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly deps: Deps;
  close(): Promise<void>;
}

/** Opens the configured database, brings it up to date, and builds the services. */
export async function openRuntime(
  config: Config,
  logger = createLogger(config.logLevel),
): Promise<Runtime> {
  const database = await openDatabase(config.database);
  try {
    const applied = await migrate(database);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  } catch (err) {
    await database.close();
    throw err;
  }
  try {
    await ensureReferenceData(database);
    const factorSets = await new FactorSetsService({ db: database.db }).ensureShipped();
    if (factorSets) logger.info({ factorSets }, 'shipped conversion-factor sets loaded');
    // The embedded database belongs to this process alone, so any import still marked running
    // was stopped with the last process; on a shared server, one that stopped reporting was.
    const interrupted = await cleanUpInterruptedImports(database.db, {
      runningMinutes: database.kind === 'pglite' ? 0 : 10,
      personal: PERSONAL_JOB_KINDS,
    });
    if (interrupted)
      logger.warn({ interrupted }, 'imports interrupted by a stop were marked as such');
    await bringUpToDate(database, logger);
  } catch (err) {
    await database.close();
    throw err;
  }
  const deps = buildDeps(config, database, logger);
  return { config, logger, database, deps, close: () => database.close() };
}

/**
 * After migrations, the two steps that bring every partnership up to date with this version of
 * the service, each explicit, audited and idempotent: the catalogue (new and changed default
 * indicators) and the stored figures (when the calculators changed). Also run by `anchorage migrate`.
 */
export async function bringUpToDate(database: Database, logger: Logger): Promise<void> {
  for (const c of await syncCatalogue(database.db)) {
    if (c.refused.length)
      logger.warn(
        { partnershipId: c.partnershipId, refused: c.refused },
        'catalogue changes not applied: a changed computation needs a new indicator code',
      );
    if (c.indicatorsAdded.length || Object.keys(c.indicatorsUpdated).length)
      logger.info(
        {
          partnershipId: c.partnershipId,
          added: c.indicatorsAdded,
          updated: Object.keys(c.indicatorsUpdated),
        },
        'framework brought up to date with the catalogue',
      );
  }
  const recalculated = await bringFiguresUpToDate(database.db);
  if (recalculated.length)
    logger.info(
      { partnerships: recalculated.length },
      'figures worked out again with the current calculators',
    );
}
