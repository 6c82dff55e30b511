import { Create } from 'react-admin';
import { AdminsOnly } from './AdminsOnly.tsx';
import { queueBody } from './queueBody.ts';
import { QueueForm } from './QueueForm.tsx';

export function QueueCreate() {
  return (
    <AdminsOnly>
      <Create transform={queueBody} redirect="list">
        <QueueForm />
      </Create>
    </AdminsOnly>
  );
}
