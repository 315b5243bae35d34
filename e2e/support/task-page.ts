// Page objects for a task's own page (/tasks/[id]): tasks made through the Studio's API with the
// signed-in session (so they are real rows, tracked against the standalone simulator), and running
// the code the page offers as a person would paste it.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";

const exec = promisify(execFile);

export interface StudioTask {
  task_id: string;
  status: string;
  response: string[];
  request: Record<string, unknown>;
}

/**
 * Creates a task through our /api/v1 (as the page's session) and waits for it to finish — and, on
 * success, for its outputs to be copied into our storage (served from /files/).
 */
export async function makeTask(
  page: Page,
  path: string,
  body: Record<string, unknown>,
  status: "SUCCESS" | "FAILED" = "SUCCESS",
): Promise<StudioTask> {
  const created = await page.request.post(`/api/v1${path}`, { data: body });
  expect(created.ok(), await created.text()).toBe(true);
  const { data } = (await created.json()) as { data: { task_id: string } };
  let task: StudioTask | undefined;
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/v1/tasks/${data.task_id}`);
        task = ((await res.json()) as { data: StudioTask }).data;
        // Our copies are /files/<token>; the simulator's own URLs have a longer path.
        const copied = task.response.every((url) => /^\/files\/[^/]+$/.test(new URL(url).pathname));
        return task.status === "SUCCESS" && !copied ? "COPYING" : task.status;
      },
      { timeout: 45_000 },
    )
    .toBe(status);
  return task!;
}

/**
 * The task page the user sees, inside the layout's main. Next streams the page into a hidden
 * holder first; a copy can stay there after React has put the page in place, so an unscoped
 * test id may find two.
 */
export const taskPage = (page: Page) => page.getByRole("main").getByTestId("task-page");

export async function openTaskPage(page: Page, taskId: string) {
  await page.goto(`/tasks/${encodeURIComponent(taskId)}`);
  await expect(taskPage(page)).toBeVisible();
}

/** The code shown under "Code" for a target ("upstream" or "studio") and language. */
export async function snippet(
  page: Page,
  target: "upstream" | "studio",
  language: "curl" | "typescript" | "python",
): Promise<string> {
  const code = page.getByTestId("task-code");
  await code
    .getByRole("tab", { name: target === "upstream" ? "API in One" : "This Studio" })
    .click();
  const label = { curl: "curl", typescript: "TypeScript", python: "Python" }[language];
  await code.getByRole("tabpanel").first().getByRole("tab", { name: label, exact: true }).click();
  return (await page.getByTestId(`code-${target}-${language}`).textContent()) ?? "";
}

/** Runs a snippet as pasted (bash for curl, tsx for TypeScript) and returns its stdout lines. */
export async function runSnippet(
  language: "curl" | "typescript",
  code: string,
  env: Record<string, string>,
): Promise<string[]> {
  const options = { env: { ...process.env, ...env }, timeout: 60_000 };
  if (language === "curl") {
    const { stdout } = await exec("bash", ["-c", code], options);
    return stdout.trim().split("\n");
  }
  const dir = await mkdtemp(path.join(tmpdir(), "task-code-"));
  try {
    const file = path.join(dir, "task.mts");
    await writeFile(file, code);
    const { stdout } = await exec(path.resolve("node_modules/.bin/tsx"), [file], options);
    return stdout.trim().split("\n");
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** An app token for the signed-in user (what the Studio tab's code reads from STUDIO_TOKEN). */
export async function appToken(page: Page): Promise<string> {
  const res = await page.request.post("/api/v1/tokens", { data: { name: "task page code" } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { token: string }).token;
}

/** The value of the form's field whose value is `url` (any text input of the generate form). */
export function formHasValue(page: Page, value: string) {
  return page
    .getByTestId("generate-form")
    .evaluate(
      (form, wanted) =>
        Array.from(form.querySelectorAll("input, textarea")).some(
          (el) => (el as HTMLInputElement).value === wanted,
        ),
      value,
    );
}
