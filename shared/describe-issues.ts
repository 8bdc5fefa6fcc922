// A short, clerk-safe description of why a value failed its zod schema: at most three issues,
// each as "path: message code", never an echo of the value itself. Used wherever input is
// refused (the request gate, settings, KAFKA_BROKERS), so the words are the same everywhere.
import type { z } from 'zod';
import { appError, formatError, isErrorCode, type AppError, type ErrorCode } from './error-codes';

const DETAIL_MAX = 200;

/** What an issue's message needs filled in: the limit it broke, or a check's own params. */
export function issueParams(i: z.core.$ZodIssue): AppError['params'] {
  if (i.code === 'too_big') {
    const max = Number(i.maximum);
    // A price's limit reads as money is written ("1,000,000,000", not "1000000000"); lengths and
    // counts stay as they are.
    return Number.isFinite(max) ? { max: max >= 10_000 ? max.toLocaleString('en-US') : max } : undefined;
  }
  return i.code === 'custom' ? (i.params as AppError['params']) : undefined;
}

/** How many of a refusal's issues it names; the rest are counted. */
const ISSUES_SHOWN = 3;
/** Where an issue is, as a dotted path ("lines.0.quantity"); empty for the whole value. */
const issuePath = (i: z.core.$ZodIssue) => i.path.map(String).join('.');

export function describeIssues(error: z.ZodError): string {
  const parts = error.issues.slice(0, ISSUES_SHOWN).map((i) => {
    const path = issuePath(i);
    // Schemas speak in error codes: logs and details get their English words, with the limit.
    const message = isErrorCode(i.message) ? formatError({ code: i.message, params: issueParams(i) }) : i.message;
    return path ? `${path}: ${message}` : message;
  });
  if (error.issues.length > ISSUES_SHOWN) parts.push(`+${error.issues.length - ISSUES_SHOWN} more`);
  return clipped(parts.join('; '));
}

const clipped = (text: string) => (text.length > DETAIL_MAX ? `${text.slice(0, DETAIL_MAX - 1)}…` : text);

/** The field an issue at no path is about: the request's whole input. */
export const WHOLE_INPUT = 'input';

/**
 * Where a value is wrong, in no language: the paths of its first three issues
 * ("draft.currency, lines.0.quantity"), the whole input as WHOLE_INPUT, each after `where` (the
 * value's own name, "KAFKA_BROKERS") when given. A Korean sentence names these, never a schema's
 * English words.
 */
export function issueFields(error: z.ZodError, where?: string): string {
  const at = (path: string) => (where ? (path ? `${where}.${path}` : where) : path || WHOLE_INPUT);
  const paths = new Set(error.issues.slice(0, ISSUES_SHOWN).map((i) => at(issuePath(i))));
  return clipped([...paths].join(', ') + (error.issues.length > ISSUES_SHOWN ? ', …' : ''));
}

/**
 * What the clerk is told when a form's value fails the schema the request is checked with: its
 * first issue, in the clerk's language (the request gate's refusal is the English detail only).
 */
export function schemaProblem(schema: z.ZodType, value: unknown): AppError | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : issueError(parsed.error.issues[0]);
}

/** One issue as the error a form shows at its field: its code (schemas speak in codes) and limit. */
export function issueError(i: z.core.$ZodIssue): AppError {
  const params = issueParams(i);
  return { code: isErrorCode(i.message) ? i.message : 'field.invalid', ...(params ? { params } : {}) };
}

/** The codes of a value a schema refused, each said with the fields and the first issue's reason. */
export type SchemaRefusalCode = Extract<ErrorCode, 'request.invalid' | 'settings.invalid' | 'bench.invalid'>;

/**
 * A schema's refusal: the fields it is about, the English detail for the log and scripts (the
 * issues', unless the caller words it) and, when the first issue is worded with a code (a PIN of
 * "12a4"), that code as its reason, with its limit, so the screen says it in the clerk's language
 * rather than the English detail.
 */
export function schemaRefusal(
  code: SchemaRefusalCode,
  error: z.ZodError,
  how: { detail?: string; where?: string } = {},
): AppError {
  const first = issueError(error.issues[0]!);
  const reason = first.code === 'field.invalid' ? {} : { reason: first.code, ...first.params };
  return appError(code, {
    ...reason,
    field: issueFields(error, how.where),
    detail: how.detail ?? describeIssues(error),
  });
}

/** The request gate's refusal, request.invalid. */
export const requestRefusal = (error: z.ZodError): AppError => schemaRefusal('request.invalid', error);
