import simpleRestProvider from 'ra-data-simple-rest';
import type { DataProvider } from 'react-admin';
import { ADMIN_API_URL } from './config.ts';
import { httpClient } from './http/httpClient.ts';

/**
 * One dataProvider for every resource: the simple REST dialect under /admin/v1,
 * sending the session cookie and reporting API problems as ApiErrors.
 */
export const dataProvider: DataProvider = simpleRestProvider(ADMIN_API_URL, httpClient);
