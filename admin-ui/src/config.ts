/** Same-origin paths served by the API (proxied by Vite in dev and preview). */
export const ADMIN_API_URL = '/admin/v1';
export const SESSION_URL = `${ADMIN_API_URL}/session`;
export const HEALTH_URL = '/healthz';
export const API_DOCS_URL = '/docs';

const DEFAULT_TEMPORAL_UI_URL = 'http://127.0.0.1:8233';

/** Temporal Web UI, configured with VITE_TEMPORAL_UI_URL at build time. */
export const TEMPORAL_UI_URL =
  import.meta.env.VITE_TEMPORAL_UI_URL?.trim() || DEFAULT_TEMPORAL_UI_URL;

/** How often the dashboard re-reads /healthz. */
export const HEALTH_REFRESH_MS = 30_000;
