/**
 * Associated-data contexts for encrypted columns: a ciphertext decrypts only in the row and
 * field it was written for. The API writes and the workers read, so both take them from here.
 */
export const vettingCipherContext = {
  declared: (vettingId: string) => `seller_vetting:${vettingId}:declared`,
  document: (vettingId: string) => `seller_vetting:${vettingId}:document`,
  documentNumber: (vettingId: string) => `seller_vetting:${vettingId}:document_number`,
  documentReading: (vettingId: string) => `seller_vetting:${vettingId}:document_reading`,
};

export const webhookSecretContext = (endpointId: string) => `webhook_endpoint:${endpointId}:secret`;

/** A stored idempotent response (it may carry a secret shown once). */
export const idempotentResponseContext = (recordId: string) => `idempotency_record:${recordId}:response`;

/** A marketplace's DSA Transparency Database API token. */
export const transparencyTokenContext = (tenantId: string) => `transparency_database:${tenantId}:token`;
