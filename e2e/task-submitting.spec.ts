// A task that API in One has not answered yet (still being created) cannot be deleted: the page
// says so and the API refuses with 409 — deleting it would lose a task the upstream may be
// creating and charging for.
import { expect, test } from "./fixtures";
import { anonymous, userWithKey } from "./support/generate";
import { openTaskPage } from "./support/task-page";
import { taskListReplySchema } from "../lib/schemas/tasks";

test.use({ storageState: anonymous });

test("a task still being created shows Delete disabled, and the API answers 409", async ({
  page,
}) => {
  await userWithKey(page);
  // The simulator never answers this creation; the Studio gives up after its upstream timeout
  // (30 s), long after this test has looked.
  const hanging = page.request
    .post("/api/v1/images/generations", {
      data: { model: "flux-2", prompt: "a kite that never lands [sim:hang]" },
      timeout: 60_000,
    })
    .catch(() => undefined);
  let placeholder = "";
  await expect
    .poll(async () => {
      const res = await page.request.get("/api/v1/tasks?limit=5");
      const task = taskListReplySchema.parse(await res.json()).tasks[0];
      placeholder = task?.tracking.state === "submitting" ? task.task_id : "";
      return placeholder;
    })
    .not.toBe("");

  await openTaskPage(page, placeholder);
  await expect(page.getByTestId("delete-task")).toBeDisabled();
  await expect(page.getByTestId("delete-task")).toHaveAttribute(
    "title",
    /once the task is created/,
  );
  const refused = await page.request.delete(`/api/v1/tasks/${placeholder}`);
  expect(refused.status()).toBe(409);
  expect(
    ((await refused.json()) as { error: { type: string; param: string } }).error,
  ).toMatchObject({ type: "conflict", param: "task_id" });
  // Still there: nothing was deleted.
  expect((await page.request.get(`/api/v1/tasks/${placeholder}`)).status()).toBe(200);
  void hanging;
});
