import { Edit } from 'react-admin';
import { AdminsOnly } from './AdminsOnly.tsx';
import { queueBody } from './queueBody.ts';
import { QueueForm } from './QueueForm.tsx';

/** Pessimistic like every change here: the API's 400/409 shows before anything moves. */
export function QueueEdit() {
  return (
    <AdminsOnly>
      <Edit transform={queueBody} mutationMode="pessimistic" redirect="list">
        <QueueForm />
      </Edit>
    </AdminsOnly>
  );
}
