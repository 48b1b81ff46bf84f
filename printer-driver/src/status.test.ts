import { describe, expect, it } from 'vitest';
import { layoutTicket } from './layout/ticket.js';
import { demoTicket } from './demo.js';
import { checkFromStatus } from './printer.js';
import { describeStatus, isReady, isStatusByte, parseStatus, queryStatus } from './status.js';
import type { Transport } from './transport/types.js';
import { EscPosDecoder } from './virtual-printer/decoder.js';
import {
  statusByte,
  VirtualPrinter,
  type VirtualPrinterState,
} from './virtual-printer/virtual-printer.js';

const READY: VirtualPrinterState = {
  paperEnd: false,
  paperNearEnd: false,
  coverOpen: false,
  offline: false,
  error: false,
  silent: false,
};

/** A transport wired straight to a virtual printer. */
function wired(printer: VirtualPrinter): Transport {
  let answers = Buffer.alloc(0);
  return {
    write: (bytes) => {
      answers = Buffer.concat([answers, printer.feed(Buffer.from(bytes))]);
      return Promise.resolve();
    },
    read: (n) => {
      if (answers.length < n) return Promise.reject(new Error('no answer'));
      const out = answers.subarray(0, n);
      answers = answers.subarray(n);
      return Promise.resolve(Buffer.from(out));
    },
    close: () => Promise.resolve(),
  };
}

describe('DLE EOT status', () => {
  it('decodes each scripted state to the problem staff must fix', async () => {
    const cases: [Partial<VirtualPrinterState>, string | undefined, boolean][] = [
      [{}, undefined, true],
      [{ paperNearEnd: true }, undefined, true],
      [{ paperEnd: true }, 'paper_end', false],
      [{ coverOpen: true }, 'cover_open', false],
      [{ offline: true }, 'offline', false],
      [{ error: true }, 'error', false],
    ];
    for (const [patch, problem, ready] of cases) {
      const printer = new VirtualPrinter();
      printer.setState(patch);
      const status = await queryStatus(wired(printer));
      expect({ patch, ready: isReady(status), problem: checkFromStatus(status).problem }).toEqual({
        patch,
        ready,
        problem,
      });
    }
  });

  it('says what is wrong in Chinese first', () => {
    const status = parseStatus({
      printer: statusByte({ ...READY, paperEnd: true }, 1),
      offlineCause: statusByte({ ...READY, paperEnd: true }, 2),
      paperSensor: statusByte({ ...READY, paperEnd: true }, 4),
    });
    expect(describeStatus(status)).toBe('未就绪 not ready: 缺纸 paper end');
  });

  it('reports the near-end sensor only from its own bits (DLE EOT 4)', () => {
    // 0x72: paper end bits 5 and 6 set, near-end bits 2 and 3 clear
    const end = parseStatus({ printer: 0x12, paperSensor: 0x72 });
    expect({ paperEnd: end.paperEnd, paperNearEnd: end.paperNearEnd }).toEqual({
      paperEnd: true,
      paperNearEnd: false,
    });
    // 0x1e: near-end bits set, paper still there
    const near = parseStatus({ printer: 0x12, paperSensor: 0x1e });
    expect({ paperEnd: near.paperEnd, paperNearEnd: near.paperNearEnd }).toEqual({
      paperEnd: false,
      paperNearEnd: true,
    });
    // a clone that sets one bit of the pair
    expect(parseStatus({ printer: 0x12, paperSensor: 0x16 }).paperNearEnd).toBe(true);
  });

  it('refuses a byte that is not a status answer', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x41)).toBe(false);
    expect(() => parseStatus({ printer: 0x41 })).toThrow(/not a DLE EOT answer/);
  });

  it('a silent printer is not taken for a ready one', async () => {
    const printer = new VirtualPrinter();
    printer.setState({ silent: true });
    await expect(queryStatus(wired(printer))).rejects.toThrow();
  });
});

describe('decoder', () => {
  it('gives the same receipt however the stream is split', () => {
    const bytes = layoutTicket(demoTicket(80));
    const whole = new VirtualPrinter();
    whole.feed(bytes);
    for (const size of [1, 2, 3, 7, 64]) {
      const printer = new VirtualPrinter();
      const decoder = new EscPosDecoder();
      for (let i = 0; i < bytes.length; i += size)
        printer.feed(bytes.subarray(i, i + size), decoder);
      expect(printer.receipts).toEqual(whole.receipts);
    }
  });

  it('holds what arrives at paper end and prints it when the paper is back', () => {
    const printer = new VirtualPrinter();
    printer.setState({ paperEnd: true });
    printer.feed(layoutTicket(demoTicket(58)));
    expect(printer.receipts).toHaveLength(0);
    printer.setState({ paperEnd: false });
    expect(printer.receipts).toHaveLength(1);
  });
});
