import fs from "node:fs";
import path from "node:path";
import type { Browser, Page, TestInfo } from "@playwright/test";

/** Screenshots land in test-results/screenshots and are attached to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string) {
  const dir = path.join("test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/** A desk browser at 1280×800, its own context (own cookies). */
export async function deskPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
}

/** A phone browser at 390×844. */
export async function phonePage(browser: Browser): Promise<Page> {
  return (
    await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  ).newPage();
}
