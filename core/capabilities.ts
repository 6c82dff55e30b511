/**
 * The capabilities on the shared failure path: one line each. The workers' failure activities and
 * sweep, and the API's reconciliation, read this list; nothing else names them together.
 */
import { appealCapability } from './appeal.ts';
import { authenticityCheckCapability } from './authenticityCheck.ts';
import type { CapabilityDeclaration } from './capability.ts';
import { contentScreeningCapability } from './contentScreening.ts';
import { listingScreeningCapability } from './listingScreening.ts';
import { sellerVettingCapability } from './sellerVetting.ts';

export const capabilities: readonly CapabilityDeclaration[] = [
  sellerVettingCapability,
  listingScreeningCapability,
  contentScreeningCapability,
  authenticityCheckCapability,
  appealCapability,
];
