// Registers the user most specs run as, and saves the signed-in browser state for them.
import fs from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { registerThroughUi } from "./support/accounts";

setup("register the shared e2e user", async ({ page }) => {
  fs.mkdirSync("tmp/e2e-auth", { recursive: true });
  await registerThroughUi(page, { email: "owner@example.com", password: "correct horse battery" });
  await expect(page).toHaveURL(/\/images$/);
  await page.context().storageState({ path: "tmp/e2e-auth/user.json" });
});
