import AjvCompiler from '@fastify/ajv-compiler';
import type { FastifyServerOptions } from 'fastify';
import { UNSTORABLE_TEXT_MESSAGE, unstorableTextPaths } from './storableText.ts';

/**
 * Two validators, chosen by the part of the request. Bodies are JSON, typed by the client: no
 * coercion (a "5" is not a 5) and unknown fields are refused, not dropped. Query strings, path
 * parameters and headers are text by nature, so `?limit=5` is coerced to the integer its schema
 * asks for.
 *
 * Collecting every error costs time in proportion to the input: a 3.5 MB body of unknown fields
 * took seconds and produced hundreds of thousands of errors. So validation stops at the first
 * error, and only a small input (at most FULL_REPORT_MAX_NODES keys and array items) is
 * validated again to name every offending field; plugins/errors.ts caps how many are reported.
 *
 * Before the schema, every string and key is checked for text PostgreSQL cannot store (NUL,
 * unpaired surrogates; see storableText.ts): every part of every route passes through here, so
 * this is the one place such text is refused.
 */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type BuildValidator = NonNullable<CompilersFactory['buildValidator']>;
type Validate = ReturnType<ReturnType<BuildValidator>>;
/** ajv's compiled JSON-schema validators are synchronous */
type SyncValidate = ((data: unknown) => boolean) & { errors?: Validate['errors'] };

export const FULL_REPORT_MAX_NODES = 1000;
const textParts = new Set(['querystring', 'params', 'headers']);

/** True when `value` has at most `budget` keys and array items in all; stops counting past it. */
export function isSmall(value: unknown, budget = FULL_REPORT_MAX_NODES): boolean {
  const pending: unknown[] = [value];
  let seen = 0;
  while (pending.length > 0) {
    const next = pending.pop();
    if (next === null || typeof next !== 'object') continue;
    const children = Array.isArray(next) ? next : Object.values(next);
    seen += children.length;
    if (seen > budget) return false;
    pending.push(...children);
  }
  return true;
}

export const buildValidator: BuildValidator = (externalSchemas) => {
  const pool = AjvCompiler();
  const compilerFor = (coerceTypes: boolean, allErrors: boolean) => pool(externalSchemas, { customOptions: { removeAdditional: false, allErrors, coerceTypes } });
  const compilers = {
    body: { first: compilerFor(false, false), all: compilerFor(false, true) },
    text: { first: compilerFor(true, false), all: compilerFor(true, true) },
  };
  return (route) => {
    const { first, all } = route.httpPart && textParts.has(route.httpPart) ? compilers.text : compilers.body;
    const firstError = first(route) as SyncValidate;
    const everyError = all(route) as SyncValidate;
    const validate: SyncValidate = (data: unknown) => {
      const unstorable = unstorableTextPaths(data);
      if (unstorable.length > 0) {
        validate.errors = unstorable.map((instancePath) => ({ instancePath, schemaPath: '#', keyword: 'storableText', params: {}, message: UNSTORABLE_TEXT_MESSAGE }));
        return false;
      }
      if (firstError(data)) {
        validate.errors = null;
        return true;
      }
      const small = isSmall(data) && !everyError(data);
      validate.errors = small ? everyError.errors : firstError.errors;
      return false;
    };
    return validate as Validate;
  };
};
