import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';

/**
 * Two validators, chosen by the part of the request. Bodies are JSON, typed by the client: no
 * coercion (a "5" is not a 5) and unknown fields are refused, not dropped. Query strings, path
 * parameters and headers are text by nature, so `?limit=5` is coerced to the integer its schema
 * asks for. Every error is collected (the 400 names each offending field, up to the cap in
 * plugins/errors.ts).
 */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;

const textParts = new Set(['querystring', 'params', 'headers']);

export const buildValidator: BuildValidator = (externalSchemas) => {
  const pool = AjvCompiler();
  const compilerFor = (coerceTypes: boolean) => pool(externalSchemas, { customOptions: { removeAdditional: false, allErrors: true, coerceTypes } });
  const bodies = compilerFor(false);
  const text = compilerFor(true);
  return (route) => (route.httpPart && textParts.has(route.httpPart) ? text : bodies)(route);
};
