/**
 * Builds everything the app and the command line use, by hand and in order:
 * database → mailer → reference data → services. No module-level singletons.
 */
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { AccountsService } from './features/accounts/accounts.service.js';
import { AdminService } from './features/admin/admin.service.js';
import { ApiTokensService } from './features/api/api-tokens.service.js';
import { AuditLogService } from './features/audit/audit.service.js';
import { EnvironmentService } from './features/carbon/environment.service.js';
import { FactorSetsService } from './features/carbon/factors.service.js';
import { OutboxMailer, SmtpMailer, type Mailer } from './features/mail/mailer.js';
import { EvidenceService } from './features/evidence/evidence.service.js';
import { FiguresService } from './features/figures/figures.service.js';
import { PublishingService } from './features/publishing/publishing.service.js';
import { scannerFor } from './features/evidence/scanner.js';
import { HomeService } from './features/home/home.service.js';
import { FrameworkService } from './features/framework/framework.service.js';
import { Lm3Service } from './features/lm3/lm3.service.js';
import { MaturityService } from './features/maturity/maturity.service.js';
import { PublicService } from './features/public/public.service.js';
import { InitiativesService } from './features/registers/initiatives.service.js';
import { CharterService } from './features/charter/charter.service.js';
import { ConsultationService } from './features/consultation/consultation.service.js';
import { RegistersService } from './features/registers/registers.service.js';
import { ReturnsService } from './features/returns/returns.service.js';
import { TenancyService } from './features/tenancy/tenancy.service.js';
import { LivingWageService } from './features/workforce/living-wage.service.js';
import type { Logger } from './logger.js';
import { Districts } from './reference/districts.js';
import { DistrictRanges } from './reference/geography.js';
import { NhsTrusts } from './reference/nhs-trusts.js';
import { SpendService } from './features/spend/spend.service.js';
import { ImportsService } from './features/imports/imports.service.js';
import { WorkforceService } from './features/workforce/workforce.service.js';
import { SuppliersService } from './features/spend/suppliers.service.js';
import { SupplierRegisterService } from './features/suppliers/register.service.js';

export interface Deps {
  readonly config: Config;
  readonly logger: Logger;
  readonly database: Database;
  readonly mailer: Mailer;
  readonly districts: Districts;
  readonly nhsTrusts: NhsTrusts;
  readonly accounts: AccountsService;
  readonly admin: AdminService;
  readonly apiTokens: ApiTokensService;
  readonly auditLog: AuditLogService;
  readonly publicSite: PublicService;
  readonly tenancy: TenancyService;
  readonly returns: ReturnsService;
  readonly home: HomeService;
  readonly framework: FrameworkService;
  readonly evidence: EvidenceService;
  readonly maturity: MaturityService;
  readonly figures: FiguresService;
  readonly publishing: PublishingService;
  readonly spend: SpendService;
  readonly imports: ImportsService;
  readonly workforce: WorkforceService;
  readonly suppliers: SuppliersService;
  readonly supplierRegister: SupplierRegisterService;
  readonly lm3: Lm3Service;
  readonly registers: RegistersService;
  readonly initiatives: InitiativesService;
  readonly charter: CharterService;
  readonly consultation: ConsultationService;
  readonly livingWage: LivingWageService;
  readonly ranges: DistrictRanges;
  readonly carbonFactors: FactorSetsService;
  readonly environment: EnvironmentService;
}

let reference: { districts: Districts; nhsTrusts: NhsTrusts; ranges: DistrictRanges } | undefined;

export function buildDeps(config: Config, database: Database, logger: Logger): Deps {
  reference ??= {
    districts: Districts.load(),
    nhsTrusts: NhsTrusts.load(),
    ranges: DistrictRanges.shared(),
  };
  const mailer: Mailer =
    config.mailer.kind === 'smtp'
      ? new SmtpMailer(config.mailer.url, config.mailFrom, logger)
      : new OutboxMailer(database.db, logger);
  const base = { db: database.db, mailer, config };
  const lm3 = new Lm3Service(base);
  const suppliers = new SuppliersService({ database, ranges: reference.ranges });
  const figures = new FiguresService(base);
  const initiatives = new InitiativesService({ db: database.db });
  return {
    config,
    logger,
    database,
    mailer,
    ...reference,
    accounts: new AccountsService({ ...base, logger }),
    admin: new AdminService(base),
    apiTokens: new ApiTokensService(base),
    auditLog: new AuditLogService(base),
    publicSite: new PublicService(base),
    tenancy: new TenancyService(base),
    returns: new ReturnsService(base),
    home: new HomeService(base),
    framework: new FrameworkService(base),
    maturity: new MaturityService(base),
    figures,
    publishing: new PublishingService({ db: database.db, figures, initiatives }),
    spend: new SpendService({ database, suppliers, logger }),
    imports: new ImportsService({ database, logger }),
    workforce: new WorkforceService({ database }),
    suppliers,
    supplierRegister: new SupplierRegisterService({
      db: database.db,
      companiesHouse: config.companiesHouse,
    }),
    lm3,
    carbonFactors: new FactorSetsService(base),
    environment: new EnvironmentService(base),
    registers: new RegistersService({ db: database.db, ranges: reference.ranges }),
    initiatives,
    charter: new CharterService({ db: database.db }),
    consultation: new ConsultationService({ db: database.db }),
    livingWage: new LivingWageService(base),
    evidence: new EvidenceService({
      db: database.db,
      uploadDir: config.uploadDir,
      scanner: scannerFor(config.virusScanner),
    }),
  };
}
