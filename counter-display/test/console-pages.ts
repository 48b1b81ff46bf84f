// What the console's browser tests share: a page in a fresh context, and a staff login.
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** A Chinese-locale page of the given size at `url`; its context joins `contexts` to be closed. */
export async function openPage(
  browser: Browser,
  contexts: BrowserContext[],
  url: string,
  width: number,
  height: number,
): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'zh-CN' });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(url);
  return page;
}

/** Logs in on the console's login form (the demo password). */
export async function login(page: Page, username: string): Promise<void> {
  await page.getByLabel('工号账户').fill(username);
  await page.getByLabel('密码').fill('demo1234');
  await page.getByRole('button', { name: '登录' }).click();
}
