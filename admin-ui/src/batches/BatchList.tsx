import { DataTable, DateField, List, ReferenceInput, SelectInput, TextField, usePermissions } from 'react-admin';
import { consoleCapabilities } from '../capabilities.ts';
import { isRole } from '../session.ts';
import { BatchProgressField } from './BatchProgressField.tsx';
import { BatchChipField } from './BatchChipField.tsx';
import { refreshWhileRunning, type BatchRecord } from './batchTypes.ts';

const statusChoices = ['running', 'completed', 'failed'].map((id) => ({ id, name: `bonafide.batches.status.${id}` }));

// the capabilities whose batches the console draws
const subjectTypeChoices = consoleCapabilities.filter((capability) => capability.batchSubject).map((capability) => ({ id: capability.batchSubjectType ?? capability.subjectType, name: `bonafide.${capability.messageKey}.batch.name` }));

const Column = DataTable.Col<BatchRecord>;

/** The marketplaces' batches of every capability, newest first, with their progress (read again while one runs). */
export function BatchList() {
  const { permissions } = usePermissions<unknown>();
  // the marketplaces themselves are listed to admins only
  const filters = [
    <SelectInput key="subjectType" source="subjectType" choices={subjectTypeChoices} alwaysOn />,
    <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
    ...(isRole(permissions) && permissions === 'admin'
      ? [
          <ReferenceInput key="tenantId" source="tenantId" reference="marketplaces" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
            <SelectInput optionText="name" />
          </ReferenceInput>,
        ]
      : []),
  ];
  return (
    <List<BatchRecord>
      filters={filters}
      sort={{ field: 'createdAt', order: 'DESC' }}
      perPage={25}
      queryOptions={{ refetchInterval: (query) => refreshWhileRunning(...(query.state.data?.data ?? [])) }}
    >
      <DataTable<BatchRecord> rowClick="show" bulkActionButtons={false}>
        <Column source="createdAt" sortByOrder="DESC">
          <DateField source="createdAt" showTime />
        </Column>
        <Column source="subjectLabel" disableSort>
          <TextField source="subjectLabel" />
        </Column>
        <Column source="marketplace" disableSort>
          <TextField source="marketplace" />
        </Column>
        <Column source="status" field={BatchChipField} />
        <Column source="progress" field={BatchProgressField} disableSort />
        <Column source="total" />
      </DataTable>
    </List>
  );
}
