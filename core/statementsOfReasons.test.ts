import { describe, expect, it } from 'vitest';
import { capabilities } from './capabilities.ts';
import {
  APPEAL_WINDOW_DAYS,
  categoryOf,
  composeStatement,
  DSA_CATEGORY,
  DSA_CONTENT_TYPE,
  DSA_KEYWORD,
  MAX_FACTS_LENGTH,
  presentStatement,
  toTransparencyDatabase,
  transparencyDatabaseProblems,
  type DecisionRecord,
  type StatementDeclaration,
} from './statementsOfReasons.ts';

const at = new Date('2026-12-08T10:00:00Z');
const record = (overrides: Partial<DecisionRecord> = {}): DecisionRecord => ({
  tenantId: '00000000-0000-4000-8000-000000000001',
  partyType: 'seller',
  partyId: 'seller-42',
  contentDate: new Date('2026-12-01T08:00:00Z'),
  reasons: [{ code: 'listing.counterfeit_cue', action: 'block', summary: 'Says "replica" about the goods' }],
  policy: { key: 'listing-screening', version: 3 },
  caseId: null,
  decision: null,
  ...overrides,
});
const stored = (row: NonNullable<ReturnType<typeof composeStatement>>) => ({ ...row, id: '9b2f3c1e-5d4a-4f6b-8c7d-0e1f2a3b4c5d', createdAt: at });

const restricting = capabilities.flatMap((capability) => (capability.statements ? [{ ...capability, statements: capability.statements }] : []));
const listingDeclaration = () => restricting.find((capability) => capability.cases.subjectType === 'listing_screening')!;

describe('every capability’s restrictions', () => {
  it('are declared by every capability but appeals', () => {
    expect(capabilities.filter((capability) => !capability.statements).map((capability) => capability.cases.subjectType)).toEqual(['appeal']);
  });

  for (const capability of restricting) {
    const { subjectType, label, decisions } = capability.cases;
    const outcomes = decisions.map((decision) => decision.value as string);
    const restricting = Object.keys(capability.statements.restrictions);

    it(`${subjectType}: restricts only with outcomes it can give`, () => {
      expect(restricting.length).toBeGreaterThan(0);
      for (const outcome of restricting) expect(outcomes).toContain(outcome);
    });

    for (const outcome of outcomes) {
      for (const decidedBy of ['policy', 'moderator'] as const) {
        it(`${subjectType} ${outcome} by ${decidedBy}: ${restricting.includes(outcome) ? 'a statement the Transparency Database takes' : 'no statement'}`, () => {
          const statement = composeStatement(subjectType, label, capability.statements, { id: 'b1a1c3f0-0000-4000-8000-000000000002', outcome, decidedBy }, record({ decision: decidedBy === 'moderator' ? outcome : null }), at);
          if (!restricting.includes(outcome)) {
            expect(statement).toBeNull();
            return;
          }
          expect(statement).not.toBeNull();
          const exported = toTransparencyDatabase(stored(statement!));
          expect(transparencyDatabaseProblems(exported)).toEqual([]);
          expect(exported.automated_decision).toBe(decidedBy === 'policy' ? 'AUTOMATED_DECISION_FULLY' : 'AUTOMATED_DECISION_NOT_AUTOMATED');
          expect(exported.automated_detection).toBe('Yes');
          expect(exported.source_type).toBe('SOURCE_VOLUNTARY');
          // nothing personal leaves: neither the party nor the subject is named
          expect(JSON.stringify(exported)).not.toContain('seller-42');
          expect(JSON.stringify(exported)).not.toContain('b1a1c3f0');
          const view = presentStatement(stored(statement!));
          expect(view.affectedParty).toEqual({ type: 'seller', id: 'seller-42' });
          expect(view.measure.description.length).toBeGreaterThan(0);
          expect(new Date(view.redress.appealUntil).getTime() - at.getTime()).toBe(APPEAL_WINDOW_DAYS * 86_400_000);
          expect(view.redress.text).toContain('appeal');
          // an appeal that overturns it leaves an outcome the capability can give
          expect(outcomes).toContain(capability.statements.restrictions[outcome]!.overturnedOutcome);
        });
      }
    }

    it(`${subjectType}: its DSA codes are the database’s`, () => {
      const declaration = capability.statements;
      for (const content of declaration.contentType) expect(DSA_CONTENT_TYPE).toContain(content);
      for (const rule of [...declaration.categories, declaration.defaultCategory]) {
        expect(DSA_CATEGORY).toContain(rule.category);
        for (const keyword of rule.specification) expect(DSA_KEYWORD).toContain(keyword);
      }
    });
  }
});

describe('facts', () => {
  const declaration = listingDeclaration();

  it('a policy’s decision rests on the reasons that asked for it, and says no person reviewed it', () => {
    const statement = composeStatement('listing_screening', 'Listing screening', declaration.statements, { id: 'x', outcome: 'block', decidedBy: 'policy' }, record({
      reasons: [
        { code: 'listing.counterfeit_cue', action: 'block', summary: 'Says "replica" about the goods.' },
        { code: 'listing.brand_mentioned', action: 'escalate', summary: 'Names the brand Acme' },
      ],
    }), at)!;
    expect(statement.facts).toContain('Says "replica" about the goods');
    expect(statement.facts).not.toContain('Names the brand Acme');
    expect(statement.facts).toContain('policy listing-screening version 3');
    expect(statement.facts).toContain('without review by a person');
  });

  it('a moderator’s decision names everything the checks flagged and the moderator', () => {
    const statement = composeStatement('listing_screening', 'Listing screening', declaration.statements, { id: 'x', outcome: 'block', decidedBy: 'moderator' }, record({
      reasons: [{ code: 'listing.price_anomaly', action: 'escalate', summary: 'Priced at 12 EUR, 4% of the lowest reference price of Acme' }],
      caseId: 'c0ffee00-0000-4000-8000-000000000003',
      decision: 'block',
    }), at)!;
    expect(statement.facts).toContain('Priced at 12 EUR');
    expect(statement.facts).toContain('A moderator reviewed the case');
    expect(statement.automatedDecision).toBe('not_automated');
    expect(statement.caseId).toBe('c0ffee00-0000-4000-8000-000000000003');
    // a price far below the brand's is an inauthentic listing, not a trademark case
    expect(statement.category).toBe('STATEMENT_CATEGORY_SCAMS_AND_FRAUD');
  });

  it('are cut to the database’s limit', () => {
    const long = Array.from({ length: 400 }, (_, index) => ({ code: 'listing.counterfeit_cue', action: 'block', summary: `finding number ${index} of many` }));
    const statement = composeStatement('listing_screening', 'Listing screening', declaration.statements, { id: 'x', outcome: 'block', decidedBy: 'policy' }, record({ reasons: long }), at)!;
    expect(statement.facts.length).toBe(MAX_FACTS_LENGTH);
  });
});

describe('categoryOf', () => {
  const declaration: StatementDeclaration = {
    restrictions: {},
    contentType: ['CONTENT_TYPE_TEXT'],
    ground: { reference: 'terms', explanation: 'why' },
    categories: [
      { codePrefixes: ['a.fake'], category: 'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', specification: ['KEYWORD_TRADEMARK_INFRINGEMENT'] },
      { codePrefixes: ['a.'], category: 'STATEMENT_CATEGORY_SCAMS_AND_FRAUD', specification: [] },
    ],
    defaultCategory: { category: 'STATEMENT_CATEGORY_OTHER_VIOLATION_TC', specification: [] },
    affectedParties: '',
    overturn: '',
  };
  it('takes the first rule any code starts with, else the default', () => {
    expect(categoryOf(declaration, ['a.price', 'a.fake_word']).category).toBe('STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS');
    expect(categoryOf(declaration, ['a.price']).category).toBe('STATEMENT_CATEGORY_SCAMS_AND_FRAUD');
    expect(categoryOf(declaration, ['b.other']).category).toBe('STATEMENT_CATEGORY_OTHER_VIOLATION_TC');
  });
});

describe('transparencyDatabaseProblems', () => {
  const listing = listingDeclaration();
  const valid = () => toTransparencyDatabase(stored(composeStatement('listing_screening', 'Listing screening', listing.statements, { id: 'x', outcome: 'block', decidedBy: 'policy' }, record(), at)!));

  it('takes a valid statement', () => expect(transparencyDatabaseProblems(valid())).toEqual([]));

  it.each([
    ['no restriction at all', { decision_visibility: null }, 'one of decision_visibility'],
    ['an unknown visibility', { decision_visibility: ['DECISION_VISIBILITY_HIDDEN'] }, 'decision_visibility holds a value outside its list'],
    ['"other" without saying what', { decision_visibility: ['DECISION_VISIBILITY_OTHER'] }, 'decision_visibility_other is required'],
    ['a monetary "other" without saying what', { decision_monetary: 'DECISION_MONETARY_OTHER' }, 'decision_monetary_other is required'],
    ['no facts', { decision_facts: '' }, 'decision_facts is required'],
    ['facts too long', { decision_facts: 'x'.repeat(MAX_FACTS_LENGTH + 1) }, 'decision_facts must be text'],
    ['an unknown category', { category: 'STATEMENT_CATEGORY_COUNTERFEIT' }, 'category is not one of its values'],
    ['an unknown keyword', { category_specification: ['KEYWORD_FAKE'] }, 'category_specification holds a value'],
    ['a date in another format', { application_date: '08/12/2026' }, 'application_date must be a date'],
    ['a puid with a slash', { puid: 'a/b' }, 'puid may hold only'],
    ['an illegal-content ground without its legal ground', { decision_ground: 'DECISION_GROUND_ILLEGAL_CONTENT' }, 'illegal_content_legal_ground is required'],
    ['no content type', { content_type: [] }, 'content_type must be a list with at least one value'],
    ['a yes/no given as a boolean', { automated_detection: true }, 'automated_detection is not one of its values'],
  ])('refuses %s', (_, change, problem) => {
    const problems = transparencyDatabaseProblems({ ...valid(), ...change });
    expect(problems.some((text) => text.startsWith(problem))).toBe(true);
  });
});
