/**
 * Business registry: does the company a seller declared exist in its country's registry, is it
 * trading, and is it the company the seller named?
 *
 * Catches: invented registration numbers; dissolved or suspended companies; a real, active
 * company's number borrowed under another name ("Apple Premium Store" declaring the number of
 * Northgate Electronics Ltd); registry outages, which escalate instead of approving blindly.
 * Misses: a seller who uses a real company's number AND its exact name (the registry cannot tell
 * who is behind the account: that needs director or document checks); trading names that differ
 * a lot from the legal name (flagged as a mismatch for a moderator, a false positive); legal
 * forms the shared normaliser does not know (e.g. Polish "Sp. z o.o.") lower the similarity.
 */
import type { DetectorModule, Signal } from '../../../core/signals.ts';
import type { RegistryLookup, RegistryUnavailableReason } from '../../registry/provider.ts';
import { normaliseRegistrationNumber } from '../../registry/registryRecord.ts';
import { companyNameSimilarity } from './companyNameSimilarity.ts';

export interface DeclaredBusiness {
  businessName: string;
  registrationNumber: string;
  /** ISO 3166-1 alpha-2 */
  country: string;
}

/** The provider's answer, or the reason it could not answer (from RegistryUnavailableError). */
export type RegistryLookupOutcome = RegistryLookup | { status: 'unavailable'; reason: RegistryUnavailableReason };

export interface BusinessRegistryInput {
  declared: DeclaredBusiness;
  lookup: RegistryLookupOutcome;
}

export interface BusinessRegistryThresholds {
  /** 0..1: below this, the registry's legal name is not the declared name */
  nameSimilarityMin: number;
}

// 0.85 keeps spelling variants ("Harbor Light Candles" 0.97, "Copperline Outdoors" 0.90) and
// flags other names ("Tulpveld Tea" for Tulpveld Trading B.V. 0.79, a bare "Harbourlight" 0.77).
const thresholds: BusinessRegistryThresholds = { nameSimilarityMin: 0.85 };

const detector = { id: 'business-registry', version: '1' };

const round = (value: number) => Math.round(value * 1000) / 1000;

function signal(code: string, severity: Signal['severity'], score: number, summary: string, evidence: Signal['evidence']): Signal {
  return { code: `registry.${code}`, severity, score, summary, evidence, detector };
}

export const businessRegistryDetector: DetectorModule<BusinessRegistryInput, BusinessRegistryThresholds> = {
  ...detector,
  description: "The declared company's existence, status and legal name in its country's business registry",
  thresholds,
  detect({ declared, lookup }, limits = thresholds): Signal[] {
    if (lookup.status === 'unavailable') {
      return [signal('unavailable', 'medium', 0.5, `The business registry could not answer (${lookup.reason})`, { reason: lookup.reason })];
    }
    if (lookup.status === 'not_found') {
      return [signal('not_found', 'high', 0.8, 'No company with the declared registration number in the registry', { country: declared.country.toUpperCase() })];
    }
    const { record } = lookup;
    const sameCompany =
      record.country === declared.country.toUpperCase() &&
      normaliseRegistrationNumber(record.registrationNumber) === normaliseRegistrationNumber(declared.registrationNumber);
    if (!sameCompany) {
      // A record about another company proves nothing about this one: escalate like an outage.
      return [signal('unavailable', 'medium', 0.5, 'The registry answered about another company', { reason: 'malformed_response' })];
    }

    const signals: Signal[] = [];
    const similarity = round(companyNameSimilarity(declared.businessName, record.legalName));
    const namesMatch = similarity >= limits.nameSimilarityMin;
    if (record.companyStatus === 'dissolved' || record.companyStatus === 'suspended') {
      signals.push(
        signal('inactive', 'high', record.companyStatus === 'dissolved' ? 0.9 : 0.8, `The registry lists the company as ${record.companyStatus}`, {
          companyStatus: record.companyStatus,
        }),
      );
    } else if (record.companyStatus === 'unknown') {
      signals.push(signal('status_unknown', 'low', 0.3, 'The registry does not say whether the company is active', { companyStatus: 'unknown' }));
    }
    if (!namesMatch) {
      signals.push(
        signal('name_mismatch', 'medium', round(1 - similarity), `The registry's legal name differs from the declared name (similarity ${similarity})`, {
          similarity,
          nameSimilarityMin: limits.nameSimilarityMin,
          registryLegalName: record.legalName,
        }),
      );
    }
    if (signals.length === 0) {
      signals.push(
        signal('verified', 'info', similarity, 'Active in the registry under the declared name', {
          similarity,
          nameSimilarityMin: limits.nameSimilarityMin,
        }),
      );
    }
    return signals;
  },
};
