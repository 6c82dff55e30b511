import { DataTable, DateField, List, NullableBooleanInput, ReferenceInput, SelectInput, TextField } from 'react-admin';
import { assigneeChoices, DEFAULT_CASE_FILTER, DEFAULT_CASE_SORT, priorityChoices, statusChoices } from './caseFilters.ts';
import { ClaimedByField } from './ClaimedByField.tsx';
import { PriorityField } from './PriorityField.tsx';
import { ReasonsField } from './ReasonsField.tsx';
import { SlaField } from './SlaField.tsx';
import { StatusField } from './StatusField.tsx';
import type { CaseRecord } from './types.ts';

const filters = [
  <ReferenceInput key="queueId" source="queueId" reference="queues" sort={{ field: 'name', order: 'ASC' }} alwaysOn>
    <SelectInput optionText="name" emptyText="bonafide.cases.filter.all_queues" />
  </ReferenceInput>,
  <SelectInput key="status" source="status" choices={statusChoices} emptyText="bonafide.cases.status.all" alwaysOn />,
  <SelectInput key="priority" source="priority" choices={priorityChoices} emptyText="bonafide.cases.filter.any" alwaysOn />,
  <SelectInput key="assignee" source="assignee" choices={assigneeChoices} emptyText="bonafide.cases.filter.anyone" alwaysOn />,
  <NullableBooleanInput key="overdue" source="overdue" alwaysOn />,
];

const Column = DataTable.Col<CaseRecord>;

/** Cases of every kind: open first, overdue on top; filtered by queue, status, priority, holder and SLA. */
export function CaseList() {
  return (
    <List<CaseRecord> filters={filters} filterDefaultValues={DEFAULT_CASE_FILTER} sort={DEFAULT_CASE_SORT} perPage={25}>
      <DataTable<CaseRecord> rowClick="show" bulkActionButtons={false}>
        <Column source="subjectLabel" disableSort>
          <TextField source="subjectLabel" />
        </Column>
        <Column source="marketplace" disableSort>
          <TextField source="marketplace" />
        </Column>
        <Column source="priority" field={PriorityField} />
        <Column source="reasons" field={ReasonsField} disableSort />
        <Column source="claimedBy" field={ClaimedByField} disableSort />
        <Column source="slaDueAt" field={SlaField} />
        <Column source="createdAt" sortByOrder="DESC">
          <DateField source="createdAt" showTime />
        </Column>
        <Column source="status" field={StatusField} />
      </DataTable>
    </List>
  );
}
