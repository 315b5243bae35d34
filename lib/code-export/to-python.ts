// The request as Python 3 using requests.
import { apiBaseUrl, apiKeyVariable, endpointUrl } from "./api-base-url";
import { toLiteral, type LiteralStyle } from "./literal";

export const pythonStyle: LiteralStyle = {
  indent: "    ",
  // A JSON string literal is also a valid Python one (same escapes, UTF-8 source).
  key: (key) => JSON.stringify(key),
  scalar: (value) => {
    if (typeof value === "boolean") return value ? "True" : "False";
    return JSON.stringify(value);
  },
  null: "None",
};

export function toPython(
  path: string,
  body: Readonly<Record<string, unknown>>,
  baseUrl: string = apiBaseUrl,
): string {
  const literal = toLiteral(body, pythonStyle, 1);
  return [
    `import os`,
    ``,
    `import requests`,
    ``,
    `response = requests.post(`,
    `    ${JSON.stringify(endpointUrl(path, baseUrl))},`,
    `    headers={"Authorization": "Bearer " + os.environ["${apiKeyVariable}"]},`,
    `    json=${literal},`,
    `    timeout=60,`,
    `)`,
    `if not response.ok:`,
    `    raise SystemExit(f"{response.status_code}: {response.text}")`,
    `task = response.json()["data"]`,
    `print(task["task_id"], task["status"])`,
  ].join("\n");
}
