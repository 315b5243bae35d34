// The library's promise, end to end: someone with a long history finds the fox picture by
// searching, opens its page, sends it to an image-to-video model, and sees what the week cost.
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";
import { createTask, generousKey, imageTask } from "./support/library";
import { formHasValue } from "./support/task-page";
import { taskListReplySchema, type TaskListItem } from "../lib/schemas/tasks";

test.use({ storageState: anonymous });

const subjects = ["lighthouse", "teapot", "paper crane", "city at night", "mountain lake"];
const history = 150;

/** Every task of the signed-in user, page after page through next_cursor. */
async function everyTask(page: import("@playwright/test").Page): Promise<TaskListItem[]> {
  const all: TaskListItem[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await page.request.get(`/api/v1/tasks?limit=100${query}`);
    expect(res.status()).toBe(200);
    const reply = taskListReplySchema.parse(await res.json());
    all.push(...reply.tasks);
    cursor = reply.next_cursor;
  } while (cursor);
  return all;
}

test("find last week's fox by searching, open it, animate it, and see what the week cost", async ({
  page,
}) => {
  test.setTimeout(240_000);
  await generousKey(await userWithKey(page, "aio_journey"));
  // A history longer than many pages, with the fox somewhere in the middle of it.
  let fox = "";
  for (let i = 0; i < history; i++) {
    const prompt = `a ${subjects[i % subjects.length]} in watercolour, study ${i}`;
    await createTask(page, "images", imageTask(prompt));
    if (i === history / 2) {
      fox = await createTask(page, "images", imageTask("a red fox asleep in the snow at dawn"));
    }
  }
  await expect
    .poll(
      async () => {
        const res = await page.request.get("/api/v1/tasks?status=IN_PROGRESS&limit=1");
        return taskListReplySchema.parse(await res.json()).tasks.length;
      },
      { timeout: 120_000, message: "every task to finish" },
    )
    .toBe(0);
  const tasks = await everyTask(page);
  expect(new Set(tasks.map((t) => t.task_id)).size).toBe(history + 1);

  // Search finds the one fox among them all.
  await page.goto("/gallery");
  await page.getByRole("searchbox", { name: "Search prompts and titles" }).fill("fox");
  await expect(page).toHaveURL(/q=fox/);
  const cards = page.getByTestId("gallery-item");
  await expect(cards).toHaveCount(1);
  await expect(cards.first()).toContainText("a red fox asleep in the snow");

  // Its page, then on to an image-to-video model with the picture in the form.
  await cards.first().getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/tasks/${fox}$`));
  const answer = (await (await page.request.get(`/api/v1/tasks/${fox}`)).json()) as {
    data: { response: string[] };
  };
  expect(answer.data.response).toHaveLength(1);
  await page.getByTestId("use-as-input").click();
  await page.getByTestId("input-target-kling-3").click();
  await expect(page).toHaveURL(/\/videos$/);
  await expect(page.getByTestId("generate-form")).toHaveAttribute("data-model", "kling-3");
  const original = tasks.find((t) => t.task_id === fox)!.original_response[0]!;
  await expect.poll(() => formHasValue(page, original)).toBe(true);

  // What the week cost: every credit of the history, as the tasks themselves report it.
  const spent = tasks.reduce((sum, t) => sum + (t.consumed_credits ?? 0), 0);
  expect(spent).toBeGreaterThan(0);
  await page.goto("/usage?days=7");
  await expect(page.getByTestId("usage-total-week").getByTestId("usage-total-value")).toHaveText(
    spent.toLocaleString("en-US"),
  );
});
