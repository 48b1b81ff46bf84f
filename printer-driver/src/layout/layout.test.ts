import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { demoNotice, demoTicket } from '../demo.js';
import { EscPosDecoder } from '../virtual-printer/decoder.js';
import { receiptText, VirtualPrinter } from '../virtual-printer/virtual-printer.js';
import { encodeText, textColumns } from './encoding.js';
import { layoutNotice } from './notice.js';
import { TEMPLATES } from './templates.js';
import { layoutTicket } from './ticket.js';
import { wrapNumberedList, wrapText } from './wrap.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const GOLDEN = join(HERE, '__golden__');

/** Hex, 16 bytes a line: a golden file a reviewer can diff. */
function hexDump(bytes: Buffer): string {
  const lines: string[] = [];
  for (let i = 0; i < bytes.length; i += 16) {
    lines.push(
      [...bytes.subarray(i, i + 16)].map((b) => b.toString(16).padStart(2, '0')).join(' '),
    );
  }
  return lines.join('\n') + '\n';
}

/** Compares with the stored golden file; UPDATE_GOLDEN=1 writes it instead. */
function expectGolden(name: string, bytes: Buffer): void {
  const file = join(GOLDEN, `${name}.hex`);
  const dump = hexDump(bytes);
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, dump);
  expect(existsSync(file), `${file} missing: run with UPDATE_GOLDEN=1`).toBe(true);
  expect(dump).toBe(readFileSync(file, 'utf8'));
}

function decode(bytes: Buffer) {
  const printer = new VirtualPrinter();
  printer.feed(bytes, new EscPosDecoder());
  expect(printer.unknown).toEqual([]);
  return printer.receipts;
}

describe('ticket and notice layout', () => {
  for (const width of [58, 80] as const) {
    it(`ticket on ${width} mm paper: exact bytes`, () => {
      const bytes = layoutTicket(demoTicket(width));
      expectGolden(`ticket-${width}`, bytes);
      // starts with ESC @ FS &, ends with the cut GS V 66 0
      expect([...bytes.subarray(0, 4)]).toEqual([0x1b, 0x40, 0x1c, 0x26]);
      expect([...bytes.subarray(-4)]).toEqual([0x1d, 0x56, 66, 0]);
      // the native QR command, never the old GS Z
      expect(bytes.includes(Buffer.from([0x1d, 0x28, 0x6b]))).toBe(true);
      expect(bytes.includes(Buffer.from([0x1d, 0x5a]))).toBe(false);
    });

    it(`notice on ${width} mm paper: exact bytes, two copies`, () => {
      const bytes = layoutNotice(demoNotice(width));
      expectGolden(`notice-${width}`, bytes);
      const receipts = decode(bytes);
      expect(receipts).toHaveLength(2);
      const [first, second] = receipts.map(receiptText);
      expect(first).toContain('（第1联 办事人收执）');
      expect(second).toContain('（第2联 窗口留存）');
      for (const text of [first!, second!]) {
        expect(text).toContain('一次性告知单');
        expect(text).toContain('办理事项：民政救济（低保）');
        expect(text).toContain('排队号码：B007');
        expect(text).toContain('受理窗口：3号窗口');
        expect(text).toContain('经办人工号：0107');
        expect(text).toContain('1. 收入证明');
        expect(text).toContain('2. 村（居）委会证明');
        expect(text).toContain('告知日期：2026年11月23日');
        expect(text.some((l) => l.startsWith('办事人签字：____'))).toBe(true);
      }
    });

    it(`ticket on ${width} mm decodes back to what was laid out`, () => {
      const [receipt] = decode(layoutTicket(demoTicket(width)));
      const text = receiptText(receipt!);
      expect(text).toContain('城关社区便民服务中心');
      expect(text).toContain('A023');
      expect(text).toContain('办理业务：劳动保障');
      expect(text).toContain('您前面还有 5 人等候');
      expect(text).toContain('预计等候约 40 分钟');
      expect(text).toContain('取号时间：2026-11-23 09:30');
      expect(text).toContain('[QR https://hall.example.cn/q/demo/A023]');
      expect(text).toContain('【绿色通道】');
      expect(text).toContain('本号当日有效');
      expect(text).toContain('办公时间：周一至周五 8:30–17:30');
      expect(text).toContain('咨询电话：0551-12345678');
      const number = receipt!.items.find((i) => i.kind === 'text' && i.text === 'A023');
      // the largest size GS ! has
      expect(number).toMatchObject({ align: 'center', runs: [{ width: 8, height: 8 }] });
      const columns = width === 58 ? 32 : 48;
      for (const item of receipt!.items) {
        if (item.kind !== 'text') continue;
        for (const run of item.runs)
          expect(textColumns(run.text) * run.width).toBeLessThanOrEqual(columns);
      }
    });
  }

  it('prints the appointment mark, and no mark, validity, hours or telephone when none is set', () => {
    const appointment = receiptText(
      decode(layoutTicket({ ...demoTicket(58), mark: 'appointment' }))[0]!,
    );
    expect(appointment).toContain('【预约】');
    const { mark: _m, validity: _v, hours: _h, telephone: _t, ...plain } = demoTicket(58);
    const text = receiptText(decode(layoutTicket(plain))[0]!).join('\n');
    for (const absent of ['【', '当日有效', '办公时间', '咨询电话'])
      expect(text).not.toContain(absent);
  });

  it('prints the time in the hall time zone, not the machine one', () => {
    const job = { ...demoTicket(58), issuedAt: '2026-11-23T01:30:00.000Z' };
    const text = receiptText(decode(layoutTicket(job))[0]!);
    expect(text).toContain('取号时间：2026-11-23 09:30');
  });
});

describe('GB18030 text', () => {
  it('every character of every template prints in at most 2 bytes', () => {
    const all = [
      ...Object.values(TEMPLATES),
      ...demoTicket(58).materials,
      ...demoNotice(58).missingMaterials,
      demoTicket(58).notice,
      demoTicket(58).hours!,
      demoTicket(58).validity!,
    ];
    const hall = parseYaml(
      readFileSync(join(HERE, '..', '..', '..', 'config', 'demo.yaml'), 'utf8'),
    ) as { name: string; services: { name: string; materials: string[] }[] };
    all.push(hall.name);
    for (const s of hall.services) all.push(s.name, ...s.materials);
    for (const text of all) {
      for (const ch of text) {
        const bytes = iconv.encode(ch, 'gb18030');
        expect({ ch, bytes: bytes.length }).toEqual({ ch, bytes: Math.min(bytes.length, 2) });
      }
    }
  });

  it('¥ needs four bytes, ￥ two: templates use ￥', () => {
    expect(iconv.encode('¥', 'gb18030')).toHaveLength(4);
    expect(iconv.encode('￥', 'gb18030')).toHaveLength(2);
    expect(encodeText('¥')).toEqual(Buffer.from('?'));
  });

  it('control characters never reach the printer as commands', () => {
    expect([...encodeText('A\x1dV\x00B')]).toEqual([0x41, 0x20, 0x56, 0x20, 0x42]);
  });
});

describe('wrapping', () => {
  const long =
    '首次申报：个人申请、身份证、结婚证原件及复印件，户口簿及家庭成员身份证原件及复印件，户主近期免冠一寸照片4张';
  for (const width of [32, 48]) {
    it(`wraps long Chinese lines at ${width} columns without splitting a character`, () => {
      const lines = wrapText(long, width);
      expect(lines.length).toBeGreaterThan(1);
      for (const l of lines) {
        expect(textColumns(l)).toBeLessThanOrEqual(width);
        // a whole number of characters: decoding the bytes gives the line back
        expect(iconv.decode(encodeText(l), 'gb18030')).toBe(l);
      }
      expect(lines.join('')).toBe(long);
      // no closing punctuation at the start of a line
      for (const l of lines.slice(1)) expect('，。、；：）').not.toContain(l[0]);
    });
  }

  it('keeps a window name whole: no 6号窗口（综 / 合）', () => {
    const text = '办理窗口：3号窗口、6号窗口（综合）';
    expect(wrapText(text, 32, { keep: ['3号窗口', '6号窗口（综合）'] })).toEqual([
      '办理窗口：3号窗口、',
      '6号窗口（综合）',
    ]);
  });

  it('numbered lists hang their continuation lines under the text', () => {
    const lines = wrapNumberedList(['短', long], 32);
    expect(lines[0]).toBe('1. 短');
    expect(lines[1]!.startsWith('2. ')).toBe(true);
    for (const l of lines.slice(2)) expect(l.startsWith('   ')).toBe(true);
    for (const l of lines) expect(textColumns(l)).toBeLessThanOrEqual(32);
  });
});
