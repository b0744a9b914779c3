/**
 * What an audit log entry's action code means, in plain English, for the audit log pages. The
 * code itself stays in the database (and in exports) as recorded.
 */
const LABELS: Readonly<Record<string, string>> = {
  'partnership.created': 'Partnership created',
  'partnership.updated': 'Partnership settings changed',
  'organisation.created': 'Organisation added',
  'organisation.updated': 'Organisation details changed',
  'user.created': 'Account created',
  'invitation.created': 'Invitation sent',
  'invitation.accepted': 'Invitation accepted',
  'invitation.revoked': 'Invitation withdrawn',
  'membership.granted': 'Role given',
  'membership.removed': 'Role removed',
  'sign-in.succeeded': 'Signed in',
  'sign-in.failed': 'Sign-in refused: wrong email address or password',
  'sign-in.code-failed': 'Sign-in refused: wrong security code',
  'attempts.limited': 'Too many attempts: stopped for a while',
  'password.changed': 'Password changed',
  'password.change-failed': 'Password not changed: current password not right',
  'password.reset-requested': 'Password reset asked for',
  'password.reset': 'Password reset',
  'second-factor.enabled': 'Two-step sign-in turned on',
  'second-factor.disabled': 'Two-step sign-in turned off',
  'second-factor.code-failed': 'Two-step sign-in not turned on: security code not right',
  'second-factor.disable-failed': 'Two-step sign-in not turned off: password not right',
  'indicator.added': 'Indicator added',
  'indicator.enabled': 'Indicator turned on',
  'indicator.disabled': 'Indicator turned off',
  'indicator.wording.changed': 'Indicator wording changed',
  'targets.set': 'Targets set',
  'period.opened': 'Reporting period opened',
  'maturity.rated': 'Maturity rated',
  'maturity.queried': 'Maturity rating queried',
  'return.section.saved': 'Return section saved',
  'return.section.completed': 'Return section completed',
  'return.evidence.saved': 'Evidence note saved',
  'return.evidence.file.added': 'Evidence file attached',
  'return.evidence.file.removed': 'Evidence file removed',
  'return.template.uploaded': 'Return filled in from a spreadsheet',
  'return.submitted': 'Return sent for review',
  'return.returned': 'Return sent back with a query',
  'return.query.answered': 'Query answered',
  'return.approved': 'Return approved',
  'return.correction.started': 'Correction started on an approved return',
  'spend.imported': 'Spend file imported',
  'payroll.imported': 'Payroll extract imported',
  'payroll.recorded': 'Workforce figures recorded from a payroll extract',
  'payroll.replaced': 'Workforce figures replaced by a newer payroll extract',
  'supplier.updated': 'Supplier details changed',
  'supplier.uploaded': 'Supplier details changed by an upload',
  'suppliers.uploaded': 'Supplier details file uploaded',
  'supplier.placed-from-file': 'Supplier postcode taken from a spend file',
  'lm3.survey.created': 'LM3 survey link created',
  'lm3.survey.reissued': 'LM3 survey link replaced',
  'lm3.survey.revoked': 'LM3 survey link withdrawn',
  'lm3.survey.answered': 'LM3 survey answered',
  'lm3.recalculated': 'LM3 recalculated',
  'suppliers.placed-again': 'Suppliers placed again from a new postcode directory',
  'framework.catalogue-updated': 'Framework brought up to date with the catalogue',
  'figures.recalculated': 'Figures worked out again with updated calculators',
  'carbon.activity.recorded': 'Environment activity data recorded',
  'carbon.activity.imported': 'Environment activity file imported',
  'carbon.factors.loaded': 'Conversion-factor file loaded',
  'carbon.factors.entered': 'Conversion factors entered by hand',
  'register.entry.added': 'Register entry added',
  'register.entry.changed': 'Register entry changed',
  'initiative.added': 'Joint initiative added',
  'initiative.changed': 'Joint initiative changed',
  'living-wage.added': 'Real Living Wage rates added',
  'living-wage.corrected': 'Real Living Wage rates corrected',
  'charter.version.started': 'Charter version started as a draft',
  'charter.version.changed': 'Charter version’s title or summary changed',
  'charter.item.added': 'Principle or commitment added to a draft',
  'charter.item.changed': 'Principle or commitment changed in a draft',
  'charter.item.removed': 'Principle or commitment removed from a draft',
  'charter.consultation.opened': 'Charter version opened for consultation',
  'charter.consultation.withdrawn': 'Consultation withdrawn: the version is a draft again',
  'charter.consultation.closed': 'Consultation closed early',
  'charter.version.adopted': 'Charter version adopted',
  'figures.published': 'A year’s figures published',
  'figures.corrected': 'A year’s published figures corrected',
  'publishing.choices.changed': 'Which of the organisation’s own figures are published changed',
  'charter.version.superseded': 'Charter version replaced by a later one',
  'charter.signed': 'Charter signed for an organisation',
  'charter.pledge.added': 'Pledge added',
  'charter.pledge.changed': 'Pledge changed',
  'charter.pledge.withdrawn': 'Pledge withdrawn',
  'consultation.response.entered': 'Consultation response entered by staff for someone',
  'consultation.answer.given': 'Suggestion answered in public',
  'consultation.answer.changed': 'Public answer to a suggestion changed',
  'participant.data.downloaded': 'Own contributions downloaded',
  'participant.account.deleted': 'Account deleted by its holder',
  'api-token.created': 'API token made',
  'api-token.revoked': 'API token revoked',
};

const ENTITIES: Readonly<Record<string, string>> = {
  user: 'Account',
  lm3_survey: 'LM3 survey link',
  spend_batch: 'Spend file',
  publication: 'Published figures',
  import_batch: 'Imported file',
  payroll: 'Payroll figures',
  reporting_period: 'Reporting period',
  indicator_targets: 'Targets',
  maturity: 'Maturity rating',
  framework: 'Framework',
  figures: 'Figures',
  carbon_activity: 'Environment activity data',
  carbon_factor_set: 'Conversion-factor set',
  living_wage_rates: 'Real Living Wage rates',
  charter_version: 'Charter version',
  charter_item: 'Charter principle or commitment',
  charter_signature: 'Charter signature',
  charter_pledge: 'Pledge',
  consultation_response: 'Consultation response',
  api_token: 'API token',
};

/** Whether an action code has its own words (rather than being spelled out). */
export function hasAuditLabel(code: string): boolean {
  return Object.hasOwn(LABELS, code);
}

/** "return.section.completed" → "Return section completed"; unknown codes are spelled out. */
export function describeAuditAction(code: string): string {
  return Object.hasOwn(LABELS, code) ? (LABELS[code] ?? code) : spelledOut(code);
}

/** The kind of record an entry is about: "lm3_survey" → "LM3 survey link", "return" → "Return". */
export function describeAuditEntity(entity: string): string {
  return Object.hasOwn(ENTITIES, entity) ? (ENTITIES[entity] ?? entity) : spelledOut(entity);
}

function spelledOut(code: string): string {
  const words = code.replace(/[._-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : code;
}
