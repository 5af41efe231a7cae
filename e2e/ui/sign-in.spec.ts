import { expect, test } from "@playwright/test";
import { Api, unique } from "../support/api";
import { expectAccessible } from "../support/ui";

/**
 * The sign-in page after too many failures, on the shared server's real defaults (5 free failures per account,
 * then 30 s): it says when to try again, counts down, and tells screen readers once.
 */
test("[SIGN-IN] after five wrong passwords the page says when to try again, and counts down", async ({
  page,
  request,
}) => {
  const email = `${unique("locked").replace(/\W+/g, "-")}@e2e.test`;
  await new Api(request).ok("POST", "/api/accounts", {
    name: "Locked Out",
    email,
    password: "the-right-password",
    role: "supervisor",
  });

  await page.goto("/sign-in");
  const form = page.locator("form"); // (Next's route announcer is an alert of its own)
  await page.getByLabel("Email").fill(email);
  const password = page.getByLabel("Password");
  const submit = page.getByRole("button", { name: "Sign in" });
  for (let i = 0; i < 5; i++) {
    await password.fill(`wrong-password-${i}`);
    await submit.click();
    await expect(form.getByRole("alert")).toHaveText("Wrong email or password.");
  }
  await password.fill("the-right-password");
  await submit.click();

  const timer = form.getByRole("timer");
  await expect(timer).toHaveText(/Too many failed sign-in attempts for this account — try again in \d+ s\./);
  const first = Number(/in (\d+) s/.exec((await timer.textContent()) ?? "")?.[1]);
  expect(first).toBeGreaterThan(0);
  expect(first).toBeLessThanOrEqual(30);
  // Screen readers are told once, with the clock time, in an alert that does not change every second.
  await expect(form.getByRole("alert")).toHaveText(/try again in \d+ s\. That is at \d/);
  await expect.poll(async () => Number(/in (\d+) s/.exec((await timer.textContent()) ?? "")?.[1])).toBeLessThan(first);
  await expect(page).toHaveURL(/\/sign-in/);
  await expectAccessible(page, "the sign-in page, locked out");
});
