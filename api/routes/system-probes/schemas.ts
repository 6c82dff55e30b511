import { Type } from '@sinclair/typebox';

export const SystemProbe = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    status: Type.Union([Type.Literal('running'), Type.Literal('completed'), Type.Literal('failed')]),
    workflowId: Type.String(),
    requestedAt: Type.String({ format: 'date-time' }),
    completedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    workerIdentity: Type.Union([Type.String(), Type.Null()]),
    url: Type.String(),
  },
  { $id: 'SystemProbe' },
);

export const CreateSystemProbeBody = Type.Object({}, { additionalProperties: false });
export const SystemProbeParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
