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
