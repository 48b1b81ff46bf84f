// What counts as ASCII punctuation inside Chinese text, and where the readable text
// of a source file is. Used by chinese-punctuation.test.ts.
import { readFileSync } from 'node:fs';
import ts from 'typescript';

const han = /\p{Script=Han}/u;
/** Characters that belong to a Chinese sentence: Han, CJK and full-width punctuation, digits. */
const chineseSide = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2026\u2014\u00b70-9]/u;

/**
 * Positions of ASCII , : ; ( ) ! ? that sit in Chinese text: a Han character on one
 * side (spaces skipped) and, on the other, Chinese, a digit or the edge of the
 * string piece. An English sentence that quotes a Chinese term ("call out of order
 * (指定叫号), with a reason") keeps its ASCII marks: there one side is a Latin
 * letter, and a closing parenthesis follows its opening one.
 */
export function mixedPunctuation(text: string): number[] {
  const found: number[] = [];
  const open: boolean[] = [];
  const side = (i: number, step: -1 | 1): string => {
    let j = i + step;
    while (j >= 0 && j < text.length && text[j] === ' ') j += step;
    return j >= 0 && j < text.length ? text[j]! : '';
  };
  const compatible = (c: string): boolean => c === '' || chineseSide.test(c);
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (!',:;()!?'.includes(c)) continue;
    const left = side(i, -1);
    const right = side(i, 1);
    let chinese: boolean;
    if (c === '(') {
      chinese = han.test(text[i - 1] ?? '') || (compatible(left) && han.test(right));
      open.push(chinese);
    } else if (c === ')' && open.length > 0) {
      chinese = open.pop()!;
    } else {
      chinese = (han.test(left) && compatible(right)) || (han.test(right) && compatible(left));
    }
    if (chinese) found.push(i);
  }
  return found;
}

/** A piece of text a reader can see: a string literal, a template piece or JSX text. */
export interface SourceText {
  line: number;
  /** offset of the first character of `text` in the file */
  start: number;
  text: string;
  raw: string;
}

/** Every string literal, template piece and JSX text of one TypeScript file. */
export function sourceTexts(file: string): SourceText[] {
  const content = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    content,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: SourceText[] = [];
  const visit = (node: ts.Node): void => {
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      const start = node.getStart(source);
      const line = source.getLineAndCharacterOfPosition(start).line + 1;
      found.push({ line, start, text: node.text, raw: content.slice(start, node.getEnd()) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
