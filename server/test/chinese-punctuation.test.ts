// Chinese text uses full-width punctuation (，：；（）！？). This scans every string a
// user can read — string literals, template pieces and JSX text in the apps, the
// server, the protocol (error messages) and the printer layouts, and every string
// value of the example hall files — for an ASCII , : ; ( ) ! ? beside a Chinese
// character. Code, comments and English text are not scanned, so new strings that
// follow the rule pass without touching this file.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { mixedPunctuation, sourceTexts } from './chinese-text.js';

const root = join(import.meta.dirname, '..', '..');
const sourceRoots = [
  'kiosk/src',
  'counter-display/src',
  'hall-screen/src',
  'server/src',
  'protocol/src',
  'printer-driver/src',
  'evaluator-bridge/src',
];

const isMixed = (text: string): boolean => mixedPunctuation(text).length > 0;

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) out.push(path);
  }
  return out;
}

function yamlStrings(value: unknown, path: string, out: { path: string; text: string }[]): void {
  if (typeof value === 'string') out.push({ path, text: value });
  else if (Array.isArray(value)) value.forEach((v, i) => yamlStrings(v, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) yamlStrings(v, `${path}.${k}`, out);
}

describe('Chinese text uses full-width punctuation', () => {
  it('the rule itself: catches ASCII marks beside Chinese, passes full-width and English', () => {
    // (the bad examples are put together here, so that this file itself holds none of them)
    const ascii = (...parts: string[]) => parts.join('');
    for (const bad of [
      ascii('打印机故障', ',', '请检查'),
      ascii('对不起', ',', '请稍候'),
      ascii('叫号依据', ':'),
      ascii('原因', '(', '必填', ')'),
      ascii('好', '!'),
      ascii('吗', '?'),
      ascii('2 人等候', ',', ' 约 2 分钟'),
      ascii('30 日 ', '(', '周一', ')'),
    ])
      expect(isMixed(bad), bad).toBe(true);
    for (const good of [
      '打印机故障，请检查',
      '原因（必填，不超过 200 字）',
      'Window 5, Window 6 (open)',
      'Call a chosen ticket out of order (指定叫号), with a reason',
      'AB岗: the window A or B clerk',
      'Window sign: 请稍候 (brief) or 暂停服务 (closed)',
    ])
      expect(isMixed(good), good).toBe(false);
  });

  it('in every UI, server message and printer layout string', () => {
    const offenders: string[] = [];
    for (const dir of sourceRoots)
      for (const file of sourceFiles(join(root, dir)))
        for (const { line, text } of sourceTexts(file))
          if (isMixed(text))
            offenders.push(`${relative(root, file)}:${line}  ${text.trim().slice(0, 80)}`);
    expect(offenders).toEqual([]);
  });

  it('in the example hall files', () => {
    const offenders: string[] = [];
    const dir = join(root, 'config');
    for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
      const strings: { path: string; text: string }[] = [];
      yamlStrings(parse(readFileSync(join(dir, name), 'utf8')), name, strings);
      for (const { path, text } of strings) if (isMixed(text)) offenders.push(`${path}  ${text}`);
    }
    expect(offenders).toEqual([]);
  });
});
