/** The business registry (KYB) port and its two adapters; see provider.ts for the contract. */
export {
  checkRegistryQuery,
  InvalidRegistryQueryError,
  RegistryUnavailableError,
  type BusinessRegistryProvider,
  type RegistryLookup,
  type RegistryQuery,
  type RegistryUnavailableReason,
} from './provider.ts';
export {
  normaliseRegistrationNumber,
  parseRegistryRecord,
  type CompanyStatus,
  type RegistryRecord,
} from './registryRecord.ts';
export { HttpRegistryProvider, type HttpRegistryProviderOptions } from './httpRegistryProvider.ts';
export {
  defaultRegistryFixturePath,
  FixtureRegistryProvider,
  type RegistryFixture,
} from './fixtureRegistryProvider.ts';
