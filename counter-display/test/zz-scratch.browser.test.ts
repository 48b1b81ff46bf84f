import { afterAll, beforeAll, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, screenshotPath } from '../../server/test/browser.js';
import { sampleHall, startTestServer, type TestServer } from '../../server/test/helpers.js';
import type {} from '../../server/test/global-setup.js';
import { login } from './console-pages.js';

let s: TestServer;
let browser: Browser;
beforeAll(async () => {
  s = await startTestServer(sampleHall('demo'), { pages: true });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});
it('scratch', async () => {
  const page = await browser.newPage({ viewport: { width: 1366, height: 900 }, locale: 'zh-CN' });
  let version = 1;
  let config: unknown = { ...s.hall };
  await page.route('**/config', async (route) => {
    if (route.request().method() === 'PUT') {
      config = (JSON.parse(route.request().postData() ?? '{}') as { config: unknown }).config;
      version++;
    }
    await route.fulfill({ json: { version, config } });
  });
  await page.route('**/audit?*', (route) =>
    route.fulfill({ json: { entries: [{ at: new Date().toISOString(), by: { name: '管理员' }, action: 'config_changed', diff: [{ path: 'services.labor.name', before: '劳动保障', after: '社会保障' }] }] } }),
  );
  page.on('console', (m) => console.log('console', m.type(), m.text()));
  await page.goto(`${s.url}/counter/admin?hall=${s.hall.id}`);
  await login(page, 'admin');
  for (const tab of ['大厅', '业务', '窗口', '人员', '设备', '办公时间', '规则', '屏幕与语音', '操作日志']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: screenshotPath('scratch', tab), fullPage: true });
  }
  await page.getByRole('tab', { name: '业务' }).click();
  await page.getByLabel('业务名称').fill('社会保障');
  await page.getByLabel('号码字头').fill('a');
  await page.waitForTimeout(200);
  await page.screenshot({ path: screenshotPath('scratch', 'error'), fullPage: true });
  await page.getByLabel('号码字头').fill('A');
  await page.getByRole('button', { name: '检查并保存…' }).click();
  await page.waitForTimeout(200);
  await page.screenshot({ path: screenshotPath('scratch', 'diff') });
});
