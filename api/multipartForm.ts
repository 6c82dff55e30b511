/**
 * Multipart submissions of the shape our routes take: one `data` part holding JSON (validated
 * against the route's schema) and one file part under a named field. Anything else is refused
 * with the part's name; a body busboy cannot frame is the client's mistake, a 400.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { validationProblem } from './plugins/errors.ts';
import { ApiProblem } from './problem.ts';

/**
 * A multipart body that busboy cannot frame (no boundary, a boundary that never appears, a body
 * cut short) is a 400, not the 500 an unexpected error would be. Limits (413) and our own
 * refusals keep their status.
 */
export function framingProblem(error: unknown): unknown {
  if (error instanceof ApiProblem) return error;
  const status = (error as { statusCode?: unknown }).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 406) return error;
  return new ApiProblem(400, 'malformed-multipart', 'The multipart body cannot be read', error instanceof Error ? error.message : undefined, [
    { field: 'multipart', message: 'must be a complete multipart/form-data body with the boundary its Content-Type names' },
  ]);
}

export interface DataAndFileOptions {
  /** the file part's field name */
  fileField: string;
  /** the `data` part's schema */
  schema: TSchema;
  /** the title of the problem when the file part is missing */
  missingFileTitle: string;
}

export async function readDataAndFile<T>(request: FastifyRequest, { fileField, schema, missingFileTitle }: DataAndFileOptions): Promise<{ data: T; bytes: Buffer }> {
  let data: unknown;
  let bytes: Buffer | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file' && part.fieldname === fileField && !bytes) bytes = await part.toBuffer();
      else if (part.type === 'field' && part.fieldname === 'data' && typeof part.value === 'string') {
        try {
          data = JSON.parse(part.value);
        } catch {
          throw new ApiProblem(400, 'malformed-json', 'The data part is not valid JSON', undefined, [{ field: 'multipart/data', message: 'must be JSON' }]);
        }
      } else {
        if (part.type === 'file') part.file.resume();
        throw new ApiProblem(400, 'validation-failed', 'Unexpected multipart part', `Only "data" and one "${fileField}" file are accepted`, [
          { field: `multipart/${part.fieldname}`, message: 'is not a known part' },
        ]);
      }
    }
  } catch (error) {
    throw framingProblem(error);
  }
  const validate = request.compileValidationSchema(schema);
  if (!validate(data)) throw validationProblem(validate.errors ?? [], 'multipart/data');
  if (!bytes) throw new ApiProblem(400, 'validation-failed', missingFileTitle, undefined, [{ field: `multipart/${fileField}`, message: 'is required' }]);
  return { data: data as T, bytes };
}
