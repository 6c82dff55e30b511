import { DataTable, DateField, List, NumberField, SelectInput } from 'react-admin';
import { PriorityField } from './PriorityField.tsx';
import { ReasonsField } from './ReasonsField.tsx';
import { SlaField } from './SlaField.tsx';
import { StatusField } from './StatusField.tsx';
import { CASE_STATUSES, type CaseRecord } from './types.ts';

// SelectInput translates choice names and the empty option.
const statusChoices = CASE_STATUSES.map((id) => ({ id, name: `bonafide.cases.status.${id}` }));

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} emptyText="bonafide.cases.status.all" alwaysOn />,
];

const Column = DataTable.Col<CaseRecord>;

/** The review queue: open cases first, the most pressing deadline on top. */
export function CaseList() {
  return (
    <List<CaseRecord>
      filters={filters}
      filterDefaultValues={{ status: 'open' }}
      sort={{ field: 'slaDueAt', order: 'ASC' }}
      perPage={25}
    >
      <DataTable<CaseRecord> rowClick="show" bulkActionButtons={false}>
        <Column source="priority" field={PriorityField} />
        <Column source="reasons" field={ReasonsField} disableSort />
        <Column source="slaDueAt" field={SlaField} />
        <Column source="slaBreaches" disableSort>
          <NumberField source="slaBreaches" />
        </Column>
        <Column source="createdAt" sortByOrder="DESC">
          <DateField source="createdAt" showTime />
        </Column>
        <Column source="status" field={StatusField} />
      </DataTable>
    </List>
  );
}
