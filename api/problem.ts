import { Type, type Static } from '@sinclair/typebox';

/** RFC 9457 problem details, with a stable machine-readable `code`. */
export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'URI reference naming the kind of problem; stable' }),
    title: Type.String(),
    status: Type.Integer(),
    code: Type.String({ description: 'stable machine-readable error code' }),
    detail: Type.Optional(Type.String()),
    instance: Type.Optional(Type.String()),
    requestId: Type.Optional(Type.String()),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          field: Type.String({ description: 'JSON pointer of the offending field, or the header name' }),
          message: Type.String(),
        }),
      ),
    ),
  },
  { $id: 'Problem', additionalProperties: true },
);
export type Problem = Static<typeof ProblemSchema>;

export const problemTypeUri = (code: string): string => `/problems/${code}`;

/** An error a route throws on purpose; the error handler turns it into problem+json. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { field: string; message: string }[],
    readonly headers?: Record<string, string>,
  ) {
    super(detail ?? title);
    this.name = 'ApiProblem';
  }
}

/** Response schemas for the problems any route can answer with, for the OpenAPI document. */
export const problemResponses = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((status) => [status, Type.Ref('Problem')]));
