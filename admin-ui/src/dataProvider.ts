import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { createCaseActions, type CaseActions } from './cases/caseActions.ts';
import { ADMIN_API_URL } from './config.ts';
import { httpClient, type HttpClient } from './http/httpClient.ts';

/** The simple REST methods plus the console's custom calls. */
export interface BonafideDataProvider extends DataProvider, CaseActions {}

/**
 * One dataProvider for every resource: the simple REST dialect under /admin/v1,
 * sending the session cookie and reporting API problems as ApiErrors.
 */
export function createDataProvider(request: HttpClient, apiUrl = ADMIN_API_URL): BonafideDataProvider {
  return {
    ...simpleRestProvider(apiUrl, request),
    ...createCaseActions(request, apiUrl),
  };
}

export const dataProvider = createDataProvider(httpClient);
