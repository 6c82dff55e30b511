/**
 * Ids in the operator admin's paths and filters: UUIDs, checked as a pattern so ajv (params,
 * bodies) and TypeBox's Value (list filters) agree; a malformed id is a 400, never a database error.
 */
import { Type } from '@sinclair/typebox';
import { FilterUuid, MAX_PAGE } from '../../listQuery.ts';

export const Uuid = FilterUuid;
export const IdParams = Type.Object({ id: Uuid });
/** `{"id": "…"}` or react-admin's getMany `{"id": ["…", …]}` */
export const IdFilter = Type.Union([Uuid, Type.Array(Uuid, { maxItems: MAX_PAGE })]);

/** An id filter as a Prisma `where` fragment. */
export const idWhere = (id: string | string[] | undefined): { id?: { in: string[] } } =>
  id === undefined ? {} : { id: { in: Array.isArray(id) ? id : [id] } };
