import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { type Browser, expect, type Page, type TestInfo } from "@playwright/test";

/**
 * Screenshots land in test-results/screenshots and are attached to the report.
 * With `dismissToasts`, toasts that have said their piece are closed first, so
 * they do not cover the page in the picture.
 */
export async function screenshot(page: Page, testInfo: TestInfo, name: string, { dismissToasts = false } = {}) {
  const dir = path.join("test-results", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  if (dismissToasts) {
    const dismiss = page.getByRole("button", { name: "Dismiss" });
    // (A toast may also leave by itself meanwhile.)
    while ((await dismiss.count()) > 0)
      await dismiss
        .first()
        .click({ timeout: 2000 })
        .catch(() => undefined);
    await expect(dismiss).toHaveCount(0);
  }
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

/** The page fits its viewport's width: nothing to scroll sideways to. */
export async function noHorizontalScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `the page scrolls sideways at ${page.viewportSize()?.width} px`).toBeLessThanOrEqual(0);
}

/** WCAG 2.1 A/AA rules (axe-core) on what is on screen now. */
export async function expectAccessible(page: Page, surface: string) {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const summary = violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
  );
  expect(summary, `accessibility violations on ${surface}`).toEqual([]);
}
