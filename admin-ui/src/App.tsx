import { Admin, Resource } from 'react-admin';
import { operatorResourcesFor } from './access/operatorResources.tsx';
import audit, { canReadAuditLog } from './audit/index.ts';
import { authProvider } from './authProvider.ts';
import cases from './cases/index.ts';
import { Dashboard } from './dashboard/index.ts';
import { dataProvider } from './dataProvider.ts';
import { i18nProvider } from './i18n.ts';
import batches from './batches/index.ts';
import queues from './queues/index.ts';
import transparency, { canReadTransparencyReport } from './transparency/index.ts';

/**
 * The moderator console: the dashboard plus one <Resource> per folder next to dashboard/. What a
 * user gets depends on their role (the authProvider's permissions): the audit log is listed only
 * for the roles the API opens it to, and the operator's resources are for admins.
 */
export function App() {
  return (
    <Admin
      title="Bonafide"
      dashboard={Dashboard}
      authProvider={authProvider}
      dataProvider={dataProvider}
      i18nProvider={i18nProvider}
      requireAuth
      disableTelemetry
    >
      {(permissions: unknown) => (
        <>
          <Resource name="cases" {...cases} />
          <Resource name="queues" {...queues} />
          <Resource name="batches" {...batches} />
          <Resource name="batch-results" />
          {canReadAuditLog(permissions) ? <Resource name="audit-log" {...audit} /> : null}
          {canReadTransparencyReport(permissions) ? <Resource name="transparency-report" {...transparency} /> : null}
          {operatorResourcesFor(permissions)}
        </>
      )}
    </Admin>
  );
}
