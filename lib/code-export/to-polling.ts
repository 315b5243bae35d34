// Whole programs rather than one request: create the task, read its status every few seconds until
// it is SUCCESS or FAILED, then print the status and each output URL (one per line). What a person
// pastes into a terminal to reproduce a task from its page.
import { type ApiTarget, normalizedBase, normalizedPath, pollSeconds } from "./api-target";
import { jsonScalar, toLiteral } from "./literal";
import { pythonStyle } from "./to-python";
import { shellQuote } from "./to-curl";
import { typescriptStyle } from "./to-typescript";

type Body = Readonly<Record<string, unknown>>;

/**
 * bash + curl + jq: the create call's answer is checked before polling starts, and a status read
 * that is not a task (401 after the key was revoked, 404 after a delete) stops the loop with the
 * error instead of polling forever. The default base URL is single-quoted: nothing in it expands.
 */
export function toCurlPolling(path: string, body: Body, target: ApiTarget): string {
  const { baseUrlVariable: baseVar, keyVariable: keyVar } = target;
  return [
    `BASE=\${${baseVar}:-${shellQuote(normalizedBase(target))}}`,
    `AUTH="Authorization: Bearer $${keyVar}"`,
    `CREATED=$(curl -sS -X POST "$BASE${normalizedPath(path)}" \\`,
    `  -H "$AUTH" -H 'Content-Type: application/json' \\`,
    `  -d ${shellQuote(JSON.stringify(body, null, 2))})`,
    `TASK_ID=$(echo "$CREATED" | jq -er '.data.task_id') || { echo "$CREATED" >&2; exit 1; }`,
    `while :; do`,
    `  TASK=$(curl -sS "$BASE/tasks/$TASK_ID" -H "$AUTH")`,
    `  case $(echo "$TASK" | jq -r '.data.status // empty' 2>/dev/null) in`,
    `    SUCCESS|FAILED) break ;;`,
    `    "") echo "$TASK" >&2; exit 1 ;;`,
    `  esac`,
    `  sleep ${pollSeconds}`,
    `done`,
    `echo "$TASK" | jq -r '.data.status, (.data.error_message // empty), .data.response[]'`,
  ].join("\n");
}

/** TypeScript (Node 18+, Deno, Bun) as an ES module with top-level await. */
export function toTypeScriptPolling(path: string, body: Body, target: ApiTarget): string {
  const literal = toLiteral(body, typescriptStyle, 0);
  return [
    `const base = process.env.${target.baseUrlVariable} ?? ${jsonScalar(normalizedBase(target))};`,
    `const headers = {`,
    `  Authorization: \`Bearer \${process.env.${target.keyVariable}}\`,`,
    `  "Content-Type": "application/json",`,
    `};`,
    `type Task = { task_id: string; status: string; response?: string[]; error_message?: string | null };`,
    ``,
    `async function call(path: string, init?: RequestInit): Promise<Task> {`,
    `  const res = await fetch(base + path, { ...init, headers });`,
    `  if (!res.ok) throw new Error(\`\${res.status}: \${await res.text()}\`);`,
    `  return ((await res.json()) as { data: Task }).data;`,
    `}`,
    ``,
    `const body = ${literal};`,
    `let task = await call(${jsonScalar(normalizedPath(path))}, { method: "POST", body: JSON.stringify(body) });`,
    `while (task.status !== "SUCCESS" && task.status !== "FAILED") {`,
    `  await new Promise((resolve) => setTimeout(resolve, ${pollSeconds * 1000}));`,
    `  task = await call(\`/tasks/\${task.task_id}\`);`,
    `}`,
    `console.log(task.status, task.error_message ?? "");`,
    `for (const url of task.response ?? []) console.log(url);`,
  ].join("\n");
}

/** Python 3 with requests. */
export function toPythonPolling(path: string, body: Body, target: ApiTarget): string {
  const literal = toLiteral(body, pythonStyle, 0);
  return [
    `import os`,
    `import time`,
    ``,
    `import requests`,
    ``,
    `BASE = os.environ.get(${JSON.stringify(target.baseUrlVariable)}, ${JSON.stringify(normalizedBase(target))})`,
    `HEADERS = {"Authorization": "Bearer " + os.environ[${JSON.stringify(target.keyVariable)}]}`,
    ``,
    ``,
    `def call(method, path, **kwargs):`,
    `    response = requests.request(method, BASE + path, headers=HEADERS, timeout=60, **kwargs)`,
    `    if not response.ok:`,
    `        raise SystemExit(f"{response.status_code}: {response.text}")`,
    `    return response.json()["data"]`,
    ``,
    ``,
    `body = ${literal}`,
    `task = call("POST", ${JSON.stringify(normalizedPath(path))}, json=body)`,
    `while task["status"] not in ("SUCCESS", "FAILED"):`,
    `    time.sleep(${pollSeconds})`,
    `    task = call("GET", f"/tasks/{task['task_id']}")`,
    `print(task["status"], task.get("error_message") or "")`,
    `for url in task.get("response") or []:`,
    `    print(url)`,
  ].join("\n");
}
