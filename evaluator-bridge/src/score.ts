import { z } from 'zod';

/** The national five-level satisfaction scale used by 政务服务 好差评. */
export const Score = z.literal([1, 2, 3, 4, 5]);
export type Score = z.infer<typeof Score>;

export const scoreNames: Record<Score, { zh: string; en: string }> = {
  5: { zh: '非常满意', en: 'very satisfied' },
  4: { zh: '满意', en: 'satisfied' },
  3: { zh: '基本满意', en: 'fairly satisfied' },
  2: { zh: '不满意', en: 'dissatisfied' },
  1: { zh: '非常不满意', en: 'very dissatisfied' },
};

export function isScore(n: number): n is Score {
  return Number.isInteger(n) && n >= 1 && n <= 5;
}

/** "4 满意 (satisfied)", for logs and the learn mode. */
export function describeScore(score: Score): string {
  const name = scoreNames[score];
  return `${score} ${name.zh} (${name.en})`;
}
