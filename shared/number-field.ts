// A whole-number field of a form (Diagnostics' benchmark and Create topic), checked against the
// schema the service checks it with: one range, said on the field in the app's language. The
// browser's own min/max check spoke the browser's language, and a value sent past it came back
// as zod's English ("params.numRecords: Too small: expected number to be >=1").
import { z } from 'zod';
import type { AppError } from './error-codes';

type WholeSchema = z.ZodNumber | z.ZodNullable<z.ZodNumber>;
const bare = (schema: WholeSchema): z.ZodNumber => (schema instanceof z.ZodNullable ? schema.unwrap() : schema);

/** The bounds the schema sets, for the field's min and max (a bound zod fills in alone is none). */
export function wholeRange(schema: WholeSchema): { min: number | undefined; max: number | undefined } {
  const { minValue, maxValue } = bare(schema);
  const set = (v: number | null) => (v !== null && Math.abs(v) < Number.MAX_SAFE_INTEGER ? v : undefined);
  return { min: set(minValue), max: set(maxValue) };
}

/**
 * What is wrong with the text typed, or null when the schema takes it. Empty is not said here:
 * a required field's emptiness is the form's 'field.required', an optional one's is its default.
 */
export function wholeFieldProblem(schema: WholeSchema, text: string): AppError | null {
  if (text.trim() === '' || bare(schema).safeParse(Number(text)).success) return null;
  const { min, max } = wholeRange(schema);
  if (min !== undefined && max !== undefined) return { code: 'field.wholeBetween', params: { min, max } };
  if (min !== undefined) return { code: 'field.wholeAtLeast', params: { min } };
  return { code: 'field.notANumber' };
}
