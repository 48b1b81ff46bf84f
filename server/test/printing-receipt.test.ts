// The virtual printer's receipts page, as the demo shows it: screenshots of a ticket and a notice.
import {
  demoNotice,
  demoTicket,
  layoutNotice,
  layoutTicket,
  serveReceipts,
  VirtualPrinter,
} from '@hall/printer-driver';
import { describe, expect, it } from 'vitest';
import { launchBrowser, screenshotPath } from './browser.js';

describe('virtual printer receipts page', () => {
  it('renders a ticket (58 mm) and a one-time notice (80 mm) as they would print', async () => {
    const browser = await launchBrowser();
    const cases = [
      { name: 'ticket-58', dots: 384, bytes: layoutTicket(demoTicket(58)) },
      { name: 'notice-80', dots: 576, bytes: layoutNotice({ ...demoNotice(80), copies: 1 }) },
    ];
    try {
      for (const c of cases) {
        const printer = new VirtualPrinter();
        printer.feed(c.bytes);
        expect(printer.receipts).toHaveLength(1);
        const page = await serveReceipts(printer, { dots: c.dots });
        try {
          const tab = await browser.newPage({ viewport: { width: c.dots + 80, height: 900 } });
          await tab.goto(page.url);
          const receipt = tab.locator('figure.receipt').first();
          expect(await receipt.evaluate((el) => el.getBoundingClientRect().width)).toBe(c.dots);
          if (c.name.startsWith('ticket')) {
            expect(await tab.locator('svg[aria-label^="QR "]').count()).toBe(1);
          }
          await receipt.screenshot({ path: screenshotPath('printer', c.name) });
          await tab.close();
        } finally {
          await page.close();
        }
      }
    } finally {
      await browser.close();
    }
  });
});
