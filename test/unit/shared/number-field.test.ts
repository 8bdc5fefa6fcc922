// Diagnostics' number fields take their range from the schema the service checks them with, and
// say a value out of it in the app's language (it was Chromium's bubble, or zod's English).
import { describe, expect, it } from 'vitest';
import { benchParamsSchema, benchStartInputSchema } from '../../../shared/bench-types';
import { createTopicInputSchema } from '../../../shared/diagnostics-types';
import { formatError } from '../../../shared/error-codes';
import { wholeFieldProblem, wholeRange } from '../../../shared/number-field';

const said = (schema: Parameters<typeof wholeFieldProblem>[0], text: string) => {
  const p = wholeFieldProblem(schema, text);
  return p && [formatError(p, 'en'), formatError(p, 'ko')];
};

describe('a whole-number field', () => {
  it('has its schema’s bounds, and none zod fills in alone', () => {
    expect(wholeRange(benchParamsSchema.shape.numRecords)).toEqual({ min: 1, max: undefined });
    expect(wholeRange(benchParamsSchema.shape.recordSize)).toEqual({ min: 1, max: undefined });
    expect(wholeRange(createTopicInputSchema.shape.partitions)).toEqual({ min: 1, max: 1000 });
    expect(wholeRange(benchStartInputSchema.shape.repetitions)).toEqual({ min: 1, max: 10 });
  });

  it('says what is wrong in English and Korean, and nothing when it is fine or empty', () => {
    expect(said(benchParamsSchema.shape.numRecords, '0')).toEqual([
      'Enter a whole number, 1 or more',
      '1 이상의 정수를 입력하세요',
    ]);
    expect(said(benchParamsSchema.shape.recordSize, '-5')?.[1]).toBe('1 이상의 정수를 입력하세요');
    expect(said(benchParamsSchema.shape.numRecords, '2.5')?.[1]).toBe('1 이상의 정수를 입력하세요');
    expect(said(createTopicInputSchema.shape.replicationFactor, '11')).toEqual([
      'Enter a whole number from 1 to 10',
      '1부터 10까지의 정수를 입력하세요',
    ]);
    expect(said(benchParamsSchema.shape.numRecords, '20000')).toBeNull();
    expect(said(benchParamsSchema.shape.batchSize, '')).toBeNull();
  });
});
