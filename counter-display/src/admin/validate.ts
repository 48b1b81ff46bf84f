import { HallConfig, REDACTED } from '@hall/protocol';
import { z } from 'zod';
import type { Lang } from '../i18n';
import { getIn } from './config-edit';

// the schema's own messages are English (the hall file's); the console reads them in Chinese
const zhMessages: [RegExp, string][] = [
  [/^HH:MM-HH:MM$/, '时段格式为 HH:MM-HH:MM，如 09:00-12:00'],
  [/^a period must end after it starts$/, '结束时间须晚于开始时间'],
  [/^YYYY-MM-DD$/, '日期格式为 YYYY-MM-DD'],
  [/^HH:MM$/, '时间格式为 HH:MM'],
  [/^one or two capital letters$/, '须为一至两个大写字母，如 A 或 AB'],
  [/^letters, digits, - and _ only$/, '只能用字母、数字、- 和 _'],
  [/^duplicate id (.+)$/, '编号 $1 重复'],
  [/^prefix (.+) is used twice$/, '字头 $1 已被其他业务使用'],
  [/English materials for/, '英文材料须与中文材料逐条对应'],
  [/^unknown service (.+)$/, '没有编号为 $1 的业务'],
  [/^unknown staff (.+)$/, '没有编号为 $1 的工作人员'],
  [/^unknown window (.+)$/, '没有编号为 $1 的窗口'],
  [/^no window serves (.+)$/, '还没有窗口办理此业务（$1），请在「窗口」中添加'],
  [/^no printer device (.+)$/, '没有编号为 $1 的打印机'],
  [/^token used twice$/, '令牌重复'],
  [/^yellow must not exceed red$/, '黄牌时限不能超过红牌时限'],
  [/^endsAt must be after startsAt$/, '结束时间须晚于开始时间'],
  [/^WIDTHxHEIGHT$/, '格式为 宽x高，如 384x192'],
  [/^a mainland mobile number of 11 digits$/, '须为11位手机号码'],
];

/** A schema message in the console's language (zod's own messages come from its locale). */
export function issueText(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [re, zh] of zhMessages) if (re.test(message)) return message.replace(re, zh);
  return message;
}

const locales = { zh: z.locales.zhCN(), en: z.locales.en() };

/**
 * Checks an edited configuration with the protocol's own schema (the one the server applies):
 * each bad field's dotted path and what is wrong, in the console's language.
 */
export function validateConfig(config: unknown, lang: Lang): Map<string, string> {
  const result = HallConfig.safeParse(config, { error: locales[lang].localeError });
  const errors = new Map<string, string>();
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    if (
      getIn(
        config,
        issue.path.map((k) => (typeof k === 'number' ? k : String(k))),
      ) === REDACTED
    )
      continue;
    const key = issue.path.map(String).join('.');
    if (!errors.has(key)) errors.set(key, issueText(issue.message, lang));
  }
  return errors;
}
