/**
 * Statements of reasons (DSA Art. 17): what every restriction a capability applies tells the party
 * it restricts, stored with the decision and exported to the EU's DSA Transparency Database
 * (Art. 24(5)). A capability declares, as data, which of its final outcomes restrict and how
 * (`StatementDeclaration`, in its `core/<capability>.ts`); this module composes the statement from
 * the decision records every capability shares (verdict, reasons, case, decision) and knows no
 * capability by name. Writing them is core/statementWrites.ts; this file has no I/O, so the
 * console's and the workflows' imports stay free of drivers.
 *
 * The DSA codes below are the Transparency Database's field values, implemented from its public
 * API documentation and its statement store request's validation rules (fields, enumerations,
 * lengths); `transparencyDatabaseProblems` checks an exported statement against them.
 */

/** `decision_visibility` */
export const DSA_VISIBILITY = [
  'DECISION_VISIBILITY_CONTENT_REMOVED',
  'DECISION_VISIBILITY_CONTENT_DISABLED',
  'DECISION_VISIBILITY_CONTENT_DEMOTED',
  'DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED',
  'DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED',
  'DECISION_VISIBILITY_OTHER',
] as const;
/** `decision_monetary` */
export const DSA_MONETARY = ['DECISION_MONETARY_SUSPENSION', 'DECISION_MONETARY_TERMINATION', 'DECISION_MONETARY_OTHER'] as const;
/** `decision_provision` */
export const DSA_PROVISION = [
  'DECISION_PROVISION_PARTIAL_SUSPENSION',
  'DECISION_PROVISION_TOTAL_SUSPENSION',
  'DECISION_PROVISION_PARTIAL_TERMINATION',
  'DECISION_PROVISION_TOTAL_TERMINATION',
] as const;
/** `decision_account` */
export const DSA_ACCOUNT = ['DECISION_ACCOUNT_SUSPENDED', 'DECISION_ACCOUNT_TERMINATED'] as const;
/** `decision_ground` */
export const DSA_GROUND = ['DECISION_GROUND_ILLEGAL_CONTENT', 'DECISION_GROUND_INCOMPATIBLE_CONTENT'] as const;
/** `content_type` */
export const DSA_CONTENT_TYPE = [
  'CONTENT_TYPE_APP',
  'CONTENT_TYPE_AUDIO',
  'CONTENT_TYPE_IMAGE',
  'CONTENT_TYPE_PRODUCT',
  'CONTENT_TYPE_SYNTHETIC_MEDIA',
  'CONTENT_TYPE_TEXT',
  'CONTENT_TYPE_VIDEO',
  'CONTENT_TYPE_OTHER',
] as const;
/** `source_type` */
export const DSA_SOURCE = ['SOURCE_ARTICLE_16', 'SOURCE_TRUSTED_FLAGGER', 'SOURCE_TYPE_OTHER_NOTIFICATION', 'SOURCE_VOLUNTARY'] as const;
/** `automated_decision` */
export const DSA_AUTOMATED_DECISION = ['AUTOMATED_DECISION_FULLY', 'AUTOMATED_DECISION_PARTIALLY', 'AUTOMATED_DECISION_NOT_AUTOMATED'] as const;
/** `category` (and `category_addition`) */
export const DSA_CATEGORY = [
  'STATEMENT_CATEGORY_ANIMAL_WELFARE',
  'STATEMENT_CATEGORY_CONSUMER_INFORMATION',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE',
  'STATEMENT_CATEGORY_CYBER_VIOLENCE_AGAINST_WOMEN',
  'STATEMENT_CATEGORY_DATA_PROTECTION_AND_PRIVACY_VIOLATIONS',
  'STATEMENT_CATEGORY_ILLEGAL_OR_HARMFUL_SPEECH',
  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS',
  'STATEMENT_CATEGORY_NEGATIVE_EFFECTS_ON_CIVIC_DISCOURSE_OR_ELECTIONS',
  'STATEMENT_CATEGORY_NOT_SPECIFIED_NOTICE',
  'STATEMENT_CATEGORY_OTHER_VIOLATION_TC',
  'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  'STATEMENT_CATEGORY_RISK_FOR_PUBLIC_SECURITY',
  'STATEMENT_CATEGORY_SCAMS_AND_FRAUD',
  'STATEMENT_CATEGORY_SELF_HARM',
  'STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS',
  'STATEMENT_CATEGORY_VIOLENCE',
] as const;
/** `category_specification`: the keywords a marketplace of goods and creators' posts needs, and `KEYWORD_OTHER` */
export const DSA_KEYWORD = [
  'KEYWORD_COORDINATED_HARM',
  'KEYWORD_COPYRIGHT_INFRINGEMENT',
  'KEYWORD_DATA_FALSIFICATION',
  'KEYWORD_DESIGN_INFRINGEMENT',
  'KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT',
  'KEYWORD_GOODS_SERVICES_NOT_PERMITTED',
  'KEYWORD_HIDDEN_ADVERTISEMENT',
  'KEYWORD_IMPERSONATION_ACCOUNT_HIJACKING',
  'KEYWORD_INAUTHENTIC_ACCOUNTS',
  'KEYWORD_INAUTHENTIC_LISTINGS',
  'KEYWORD_INAUTHENTIC_USER_REVIEWS',
  'KEYWORD_INSUFFICIENT_INFORMATION_ON_TRADERS',
  'KEYWORD_MISLEADING_INFO_CONSUMER_RIGHTS',
  'KEYWORD_MISLEADING_INFO_GOODS_SERVICES',
  'KEYWORD_NONCOMPLIANCE_PRICING',
  'KEYWORD_PATENT_INFRINGEMENT',
  'KEYWORD_PHISHING',
  'KEYWORD_PROHIBITED_PRODUCTS',
  'KEYWORD_PYRAMID_SCHEMES',
  'KEYWORD_TRADE_SECRET_INFRINGEMENT',
  'KEYWORD_TRADEMARK_INFRINGEMENT',
  'KEYWORD_UNSAFE_PRODUCTS',
  'KEYWORD_OTHER',
] as const;

export type DsaVisibility = (typeof DSA_VISIBILITY)[number];
export type DsaMonetary = (typeof DSA_MONETARY)[number];
export type DsaProvision = (typeof DSA_PROVISION)[number];
export type DsaAccount = (typeof DSA_ACCOUNT)[number];
export type DsaContentType = (typeof DSA_CONTENT_TYPE)[number];
export type DsaCategory = (typeof DSA_CATEGORY)[number];
export type DsaKeyword = (typeof DSA_KEYWORD)[number];
export type AutomatedDecision = 'fully' | 'partially' | 'not_automated';

/** Longest facts text the Transparency Database takes (`decision_facts`). */
export const MAX_FACTS_LENGTH = 5000;
/** How long the affected party may appeal a decision (Art. 20(1): at least six months). */
export const APPEAL_WINDOW_DAYS = 183;
const DAY_MS = 86_400_000;

/** One restriction a final outcome applies, as the capability declares it. */
export interface RestrictionMeasure {
  /** the capability's code for it: `listing_removed`, `post_labelled`… */
  measure: string;
  /** what it does, in words the affected party reads */
  description: string;
  visibility?: DsaVisibility[];
  /** required with DECISION_VISIBILITY_OTHER */
  visibilityOther?: string;
  monetary?: DsaMonetary;
  /** required with DECISION_MONETARY_OTHER */
  monetaryOther?: string;
  provision?: DsaProvision;
  account?: DsaAccount;
  /** days the restriction lasts; absent: it has no end */
  durationDays?: number;
  /** the content is also illegal, not only against the terms (counterfeits: trademark law) */
  alsoIllegal?: boolean;
  /** the subject's final outcome once an appeal overturns the restriction */
  overturnedOutcome: string;
}

/** A DSA category chosen by the codes of the reasons a decision rests on: the first rule one code starts with wins. */
export interface CategoryRule {
  codePrefixes: string[];
  category: DsaCategory;
  specification: DsaKeyword[];
}

export interface StatementDeclaration {
  /** the restriction each final outcome applies; an outcome not listed restricts nothing */
  restrictions: Partial<Record<string, RestrictionMeasure>>;
  contentType: DsaContentType[];
  /** required with CONTENT_TYPE_OTHER */
  contentTypeOther?: string;
  /** the marketplace's terms the decisions rest on, and why the content is incompatible with them */
  ground: { reference: string; explanation: string };
  categories: CategoryRule[];
  defaultCategory: { category: DsaCategory; specification: DsaKeyword[] };
  /**
   * SQL undoing a restriction an appeal overturned ($1: the subject's id, $2: its outcome once
   * overturned): the subject's final outcome, and what the restriction changed beside it.
   */
  overturn: string;
  /**
   * SQL reading the affected party of subjects ($1: their ids, uuid[]): one row each with `id`,
   * `tenant_id`, `party_type` (seller, creator), `party_id` (the marketplace's id) and
   * `content_date` (when the content or application was made).
   */
  affectedParties: string;
}

/** A subject given its final outcome, as a write path knows it. */
export interface DecidedSubject {
  id: string;
  outcome: string;
  decidedBy: 'policy' | 'moderator';
}

/** What the shared decision records say of one restricted subject, read in the deciding transaction. */
export interface DecisionRecord {
  tenantId: string;
  partyType: string;
  partyId: string;
  contentDate: Date;
  reasons: { code: string; action: string; summary: string }[];
  policy: { key: string; version: number } | null;
  caseId: string | null;
  /** the moderator's decision word, when a moderator gave the outcome */
  decision: string | null;
}

/** A statement as stored (the columns of `statements_of_reasons`, camel-cased). */
export interface StatementRow {
  tenantId: string;
  subjectType: string;
  subjectId: string;
  decisionKey: string;
  affectedPartyType: string;
  affectedPartyId: string;
  measure: string;
  measureDescription: string;
  visibility: string[];
  visibilityOther: string | null;
  monetary: string | null;
  monetaryOther: string | null;
  provision: string | null;
  account: string | null;
  appliedAt: Date;
  endsAt: Date | null;
  contentDate: Date;
  contentType: string[];
  contentTypeOther: string | null;
  facts: string;
  sourceType: string;
  automatedDetection: boolean;
  automatedDecision: AutomatedDecision;
  decisionGround: string;
  groundReference: string;
  groundExplanation: string;
  alsoIllegal: boolean;
  category: string;
  categorySpecification: string[];
  appealUntil: Date;
  decidedBy: 'policy' | 'moderator';
  policyKey: string | null;
  policyVersion: number | null;
  caseId: string | null;
}

/** The DSA category of a decision resting on these reason codes. */
export function categoryOf(declaration: StatementDeclaration, codes: readonly string[]): { category: DsaCategory; specification: DsaKeyword[] } {
  for (const rule of declaration.categories) {
    if (codes.some((code) => rule.codePrefixes.some((prefix) => code.startsWith(prefix)))) return { category: rule.category, specification: rule.specification };
  }
  return declaration.defaultCategory;
}

/**
 * The facts and circumstances in words: the findings the decision rests on (each reason's summary,
 * which never holds personal data) and who decided. A policy's decision rests on the reasons that
 * asked for its outcome; a moderator's on everything the checks flagged for review.
 */
export function factsOf(subject: DecidedSubject, record: DecisionRecord, measure: RestrictionMeasure, subjectLabel: string): string {
  const own = record.reasons.filter((reason) => reason.action === subject.outcome);
  const findings = (subject.decidedBy === 'policy' && own.length > 0 ? own : record.reasons).map((reason) => reason.summary.trim().replace(/\.$/, ''));
  const found = findings.length > 0 ? `Automated checks of the ${subjectLabel.toLowerCase()} found: ${findings.join('; ')}.` : `Automated checks flagged the ${subjectLabel.toLowerCase()}.`;
  const decided =
    subject.decidedBy === 'policy'
      ? ` Under ${record.policy ? `policy ${record.policy.key} version ${record.policy.version}` : 'the marketplace’s policy'} these findings lead to this measure without review by a person: ${measure.description}`
      : ` A moderator reviewed the case and decided "${record.decision ?? subject.outcome}": ${measure.description}`;
  const text = `${found}${decided}`;
  return text.length <= MAX_FACTS_LENGTH ? text : `${text.slice(0, MAX_FACTS_LENGTH - 1)}…`;
}

/** The statement of one restricted subject, or null when its outcome restricts nothing. */
export function composeStatement(
  subjectType: string,
  subjectLabel: string,
  declaration: StatementDeclaration,
  subject: DecidedSubject,
  record: DecisionRecord,
  at: Date,
): StatementRow | null {
  const measure = declaration.restrictions[subject.outcome];
  if (!measure) return null;
  const own = record.reasons.filter((reason) => reason.action === subject.outcome);
  const { category, specification } = categoryOf(declaration, (own.length > 0 ? own : record.reasons).map((reason) => reason.code));
  return {
    tenantId: record.tenantId,
    subjectType,
    subjectId: subject.id,
    decisionKey: subject.outcome,
    affectedPartyType: record.partyType,
    affectedPartyId: record.partyId,
    measure: measure.measure,
    measureDescription: measure.description,
    visibility: measure.visibility ?? [],
    visibilityOther: measure.visibilityOther ?? null,
    monetary: measure.monetary ?? null,
    monetaryOther: measure.monetaryOther ?? null,
    provision: measure.provision ?? null,
    account: measure.account ?? null,
    appliedAt: at,
    endsAt: measure.durationDays === undefined ? null : new Date(at.getTime() + measure.durationDays * DAY_MS),
    contentDate: record.contentDate,
    contentType: declaration.contentType,
    contentTypeOther: declaration.contentTypeOther ?? null,
    facts: factsOf(subject, record, measure, subjectLabel),
    // Bonafide's own detection; notices (Art. 16) will name their source here
    sourceType: 'SOURCE_VOLUNTARY',
    automatedDetection: true,
    automatedDecision: subject.decidedBy === 'policy' ? 'fully' : 'not_automated',
    decisionGround: 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    groundReference: declaration.ground.reference,
    groundExplanation: declaration.ground.explanation,
    alsoIllegal: measure.alsoIllegal ?? false,
    category,
    categorySpecification: specification,
    appealUntil: new Date(at.getTime() + APPEAL_WINDOW_DAYS * DAY_MS),
    decidedBy: subject.decidedBy,
    policyKey: record.policy?.key ?? null,
    policyVersion: record.policy?.version ?? null,
    caseId: record.caseId,
  };
}

/** A statement as the API and the webhooks show it. */
export interface StatementView {
  id: string;
  subject: { type: string; id: string };
  affectedParty: { type: string; id: string };
  measure: {
    code: string;
    description: string;
    visibility: string[];
    visibilityOther: string | null;
    monetary: string | null;
    monetaryOther: string | null;
    provision: string | null;
    account: string | null;
  };
  appliedAt: string;
  /** null: the restriction has no end */
  endsAt: string | null;
  facts: string;
  source: string;
  automatedDetection: boolean;
  automatedDecision: AutomatedDecision;
  ground: { type: string; reference: string; explanation: string; alsoIllegal: boolean };
  category: { category: string; specification: string[] };
  contentType: string[];
  decidedBy: 'policy' | 'moderator';
  policy: { key: string; version: number } | null;
  caseId: string | null;
  redress: { appealUntil: string; text: string };
  /** set when an appeal overturned the decision: the restriction no longer stands */
  overturned: { at: string; appealId: string } | null;
  createdAt: string;
}

/** How to seek redress, in words: the appeal, then out-of-court settlement and the courts (Art. 17(3)(f)). */
export const redressText = (appealUntil: Date) =>
  `You may appeal this decision until ${appealUntil.toISOString().slice(0, 10)} through the marketplace; a person who did not take it decides the appeal. ` +
  'You may also refer it to a certified out-of-court dispute settlement body (DSA Art. 21) or to a court.';

/** A statement as read back: its columns, the words checked when it was written. */
export type StoredStatement = Omit<StatementRow, 'automatedDecision' | 'decidedBy'> & {
  id: string;
  createdAt: Date;
  automatedDecision: string;
  decidedBy: string;
  overturnedAt?: Date | null;
  overturnedByAppealId?: string | null;
};

export const presentStatement = (row: StoredStatement): StatementView => ({
  id: row.id,
  subject: { type: row.subjectType, id: row.subjectId },
  affectedParty: { type: row.affectedPartyType, id: row.affectedPartyId },
  measure: {
    code: row.measure,
    description: row.measureDescription,
    visibility: row.visibility,
    visibilityOther: row.visibilityOther,
    monetary: row.monetary,
    monetaryOther: row.monetaryOther,
    provision: row.provision,
    account: row.account,
  },
  appliedAt: row.appliedAt.toISOString(),
  endsAt: row.endsAt?.toISOString() ?? null,
  facts: row.facts,
  source: row.sourceType,
  automatedDetection: row.automatedDetection,
  automatedDecision: row.automatedDecision as AutomatedDecision,
  ground: { type: row.decisionGround, reference: row.groundReference, explanation: row.groundExplanation, alsoIllegal: row.alsoIllegal },
  category: { category: row.category, specification: row.categorySpecification },
  contentType: row.contentType,
  decidedBy: row.decidedBy as 'policy' | 'moderator',
  policy: row.policyKey !== null && row.policyVersion !== null ? { key: row.policyKey, version: row.policyVersion } : null,
  caseId: row.caseId,
  redress: { appealUntil: row.appealUntil.toISOString(), text: redressText(row.appealUntil) },
  overturned: row.overturnedAt && row.overturnedByAppealId ? { at: row.overturnedAt.toISOString(), appealId: row.overturnedByAppealId } : null,
  createdAt: row.createdAt.toISOString(),
});

// ---- the Transparency Database's format ---------------------------------------------------------

const day = (at: Date) => at.toISOString().slice(0, 10);
const AUTOMATED_DECISION_CODE: Record<AutomatedDecision, (typeof DSA_AUTOMATED_DECISION)[number]> = {
  fully: 'AUTOMATED_DECISION_FULLY',
  partially: 'AUTOMATED_DECISION_PARTIALLY',
  not_automated: 'AUTOMATED_DECISION_NOT_AUTOMATED',
};

/**
 * A stored statement in the Transparency Database's submission format. The `puid` is the
 * statement's id (unique per platform, the submission's idempotency key); nothing personal is
 * sent: no party id, no subject id, only the measure, the facts in words and the codes.
 */
export function toTransparencyDatabase(row: StoredStatement): Record<string, unknown> {
  const restrictionEnd = row.endsAt ? day(row.endsAt) : null;
  return {
    decision_visibility: row.visibility.length > 0 ? row.visibility : null,
    ...(row.visibility.includes('DECISION_VISIBILITY_OTHER') ? { decision_visibility_other: row.visibilityOther } : {}),
    decision_monetary: row.monetary,
    ...(row.monetary === 'DECISION_MONETARY_OTHER' ? { decision_monetary_other: row.monetaryOther } : {}),
    decision_provision: row.provision,
    decision_account: row.account,
    account_type: 'ACCOUNT_TYPE_BUSINESS',
    decision_ground: row.decisionGround,
    ...(row.decisionGround === 'DECISION_GROUND_ILLEGAL_CONTENT'
      ? { illegal_content_legal_ground: row.groundReference, illegal_content_explanation: row.groundExplanation }
      : { incompatible_content_ground: row.groundReference, incompatible_content_explanation: row.groundExplanation, incompatible_content_illegal: row.alsoIllegal ? 'Yes' : 'No' }),
    content_type: row.contentType,
    ...(row.contentType.includes('CONTENT_TYPE_OTHER') ? { content_type_other: row.contentTypeOther } : {}),
    category: row.category,
    category_specification: row.categorySpecification,
    content_date: day(row.contentDate),
    application_date: day(row.appliedAt),
    end_date_visibility_restriction: row.visibility.length > 0 ? restrictionEnd : null,
    end_date_monetary_restriction: row.monetary ? restrictionEnd : null,
    end_date_service_restriction: row.provision ? restrictionEnd : null,
    end_date_account_restriction: row.account ? restrictionEnd : null,
    decision_facts: row.facts,
    source_type: row.sourceType,
    automated_detection: row.automatedDetection ? 'Yes' : 'No',
    automated_decision: AUTOMATED_DECISION_CODE[row.automatedDecision as AutomatedDecision],
    puid: row.id,
  };
}

/**
 * What the Transparency Database would refuse in an exported statement, as its store request's
 * rules say: required fields, enumerations, lengths, date formats, the `_other` fields their
 * choices require. Empty when it would take it.
 */
export function transparencyDatabaseProblems(statement: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const present = (field: string) => statement[field] !== undefined && statement[field] !== null && statement[field] !== '';
  const oneOf = (field: string, allowed: readonly string[], required: boolean) => {
    if (!present(field)) {
      if (required) problems.push(`${field} is required`);
      return;
    }
    if (typeof statement[field] !== 'string' || !allowed.includes(statement[field])) problems.push(`${field} is not one of its values`);
  };
  const listOf = (field: string, allowed: readonly string[], required: boolean) => {
    const value = statement[field];
    if (value === undefined || value === null) {
      if (required) problems.push(`${field} is required`);
      return;
    }
    if (!Array.isArray(value) || (required && value.length === 0)) problems.push(`${field} must be a list${required ? ' with at least one value' : ''}`);
    else if (value.some((item) => typeof item !== 'string' || !allowed.includes(item))) problems.push(`${field} holds a value outside its list`);
  };
  const text = (field: string, max: number, required: boolean) => {
    if (!present(field)) {
      if (required) problems.push(`${field} is required`);
      return;
    }
    if (typeof statement[field] !== 'string' || statement[field].length > max) problems.push(`${field} must be text of at most ${max} characters`);
  };
  const date = (field: string, required: boolean) => {
    if (!present(field)) {
      if (required) problems.push(`${field} is required`);
      return;
    }
    if (typeof statement[field] !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(statement[field])) problems.push(`${field} must be a date YYYY-MM-DD`);
  };

  const restrictions = ['decision_visibility', 'decision_monetary', 'decision_provision', 'decision_account'].filter((field) =>
    Array.isArray(statement[field]) ? (statement[field] as unknown[]).length > 0 : present(field),
  );
  if (restrictions.length === 0) problems.push('one of decision_visibility, decision_monetary, decision_provision or decision_account is required');
  listOf('decision_visibility', DSA_VISIBILITY, false);
  if (Array.isArray(statement.decision_visibility) && statement.decision_visibility.includes('DECISION_VISIBILITY_OTHER')) text('decision_visibility_other', 500, true);
  oneOf('decision_monetary', DSA_MONETARY, false);
  if (statement.decision_monetary === 'DECISION_MONETARY_OTHER') text('decision_monetary_other', 500, true);
  oneOf('decision_provision', DSA_PROVISION, false);
  oneOf('decision_account', DSA_ACCOUNT, false);
  oneOf('account_type', ['ACCOUNT_TYPE_BUSINESS', 'ACCOUNT_TYPE_PRIVATE'], false);
  oneOf('decision_ground', DSA_GROUND, true);
  if (statement.decision_ground === 'DECISION_GROUND_ILLEGAL_CONTENT') {
    text('illegal_content_legal_ground', 500, true);
    text('illegal_content_explanation', 2000, true);
  }
  if (statement.decision_ground === 'DECISION_GROUND_INCOMPATIBLE_CONTENT') {
    text('incompatible_content_ground', 500, true);
    text('incompatible_content_explanation', 2000, true);
    oneOf('incompatible_content_illegal', ['Yes', 'No'], false);
  }
  listOf('content_type', DSA_CONTENT_TYPE, true);
  if (Array.isArray(statement.content_type) && statement.content_type.includes('CONTENT_TYPE_OTHER')) text('content_type_other', 500, true);
  oneOf('category', DSA_CATEGORY, true);
  listOf('category_specification', DSA_KEYWORD, false);
  date('content_date', true);
  date('application_date', true);
  for (const field of ['end_date_visibility_restriction', 'end_date_monetary_restriction', 'end_date_service_restriction', 'end_date_account_restriction']) date(field, false);
  text('decision_facts', MAX_FACTS_LENGTH, true);
  oneOf('source_type', DSA_SOURCE, true);
  oneOf('automated_detection', ['Yes', 'No'], true);
  oneOf('automated_decision', DSA_AUTOMATED_DECISION, true);
  text('puid', 500, true);
  if (typeof statement.puid === 'string' && !/^[a-zA-Z0-9_-]+$/.test(statement.puid)) problems.push('puid may hold only letters, digits, - and _');
  return problems;
}
