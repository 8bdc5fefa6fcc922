import { describe, expect, it } from 'vitest';
import { fillTemplate, josaFor } from '../../../shared/josa';
import { formatError } from '../../../shared/error-codes';

describe('Korean particles after a word', () => {
  it('picks the particle by the last sound, as a Korean speaker reads names and numbers', () => {
    expect(josaFor('주문', '이/가')).toBe('이');
    expect(josaFor('토픽', '을/를')).toBe('을');
    expect(josaFor('바나나', '을/를')).toBe('를');
    expect(josaFor('user-data', '이/가')).toBe('가'); // …에이
    expect(josaFor('orders-l', '이/가')).toBe('이'); // …엘
    expect(josaFor('C-1001', '을/를')).toBe('을'); // …일
    expect(josaFor('C-1002', '을/를')).toBe('를'); // …이
    expect(josaFor('3', '으로/로')).toBe('으로'); // 삼
    expect(josaFor('1', '으로/로')).toBe('로'); // 일: ㄹ takes 로
  });

  it('fills templates the same way for the UI and for logs', () => {
    expect(fillTemplate('토픽 {topic, josa(이/가)} 없습니다', { topic: 'user-data' })).toBe(
      '토픽 user-data가 없습니다',
    );
    expect(fillTemplate('{a} and {b}', { a: 1 })).toBe('1 and {b}');
    expect(formatError({ code: 'topic.exists', params: { topic: 'orders' } }, 'ko')).toBe(
      '토픽 orders가 이미 있습니다',
    );
  });
});
