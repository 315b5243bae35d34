// The request as TypeScript using fetch (Node 18+, Deno, Bun or a browser), as an ES module.
import { apiBaseUrl, apiKeyVariable, endpointUrl } from "./api-base-url";
import { jsonScalar, toLiteral, type LiteralStyle } from "./literal";

const identifier = /^[A-Za-z_$][\w$]*$/;

export const typescriptStyle: LiteralStyle = {
  indent: "  ",
  key: (key) => (identifier.test(key) ? key : JSON.stringify(key)),
  scalar: jsonScalar,
  null: "null",
};

export function toTypeScript(
  path: string,
  body: Readonly<Record<string, unknown>>,
  baseUrl: string = apiBaseUrl,
): string {
  const literal = toLiteral(body, typescriptStyle, 1);
  return [
    `const response = await fetch(${JSON.stringify(endpointUrl(path, baseUrl))}, {`,
    `  method: "POST",`,
    `  headers: {`,
    `    Authorization: \`Bearer \${process.env.${apiKeyVariable}}\`,`,
    `    "Content-Type": "application/json",`,
    `  },`,
    `  body: JSON.stringify(${literal}),`,
    `});`,
    `if (!response.ok) throw new Error(\`\${response.status}: \${await response.text()}\`);`,
    `const { data } = (await response.json()) as { data: { task_id: string; status: string } };`,
    `console.log(data.task_id, data.status);`,
  ].join("\n");
}
