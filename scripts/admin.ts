// `npm run admin -- …`: operator commands on the server's own database. With the embedded database
// a running server owns it (one process per data directory), so the commands go through that
// server; with none running, or with DATABASE_URL, they open the database directly.
// Runs under `tsx --conditions=react-server` (the npm script): the lib/server modules it uses
// import "server-only", which is an empty module under that condition and throws anywhere else.
import fs from "node:fs";
import { parseArgs } from "node:util";
import nextEnv from "@next/env";
import { getEnv, type Env } from "@/lib/env";
import { errorBodySchema } from "@/lib/schemas/api";
import { AccountError } from "@/lib/server/accounts/account-error";
import {
  adminCommandSchema,
  adminResultSchema,
  runAdminCommand,
  type AdminCommand,
  type AdminResult,
  type AdminUser,
} from "@/lib/server/accounts/admin-commands";
import { adminCliToken } from "@/lib/server/accounts/admin-token";
import { DataDirLockedError, lockHolder } from "@/lib/server/db/lock";
import { openDatabase, type DatabaseTarget } from "@/lib/server/db/open";
import { loadSecrets, secretsPath } from "@/lib/server/secrets";

const usage = `Usage: npm run admin -- <command> [options]

Operator commands for API in One Studio, on the same database as the server (DATA_DIR and
DATABASE_URL, from the environment or .env). With the embedded database and a running server they
go through that server; otherwise they open the database directly.

Commands:
  user create --email E --password P [--name N] [--admin]
                              Create an account (the first account ever created is the admin)
  user list                   List the accounts
  user disable --email E      Block the account's sign-in and its app tokens
  user enable --email E       Allow the account again
  token create --email E --name N
                              Create an app token for the account; it is printed once, on its own line

Options:
  --password-stdin            Read the password from standard input (keeps it out of shell history)
  --json                      Print JSON instead of text
  -h, --help                  Show this help

Environment: DATA_DIR (default ./.data), DATABASE_URL (unset = embedded), PORT (the running
server's port, default 3000).

Examples:
  npm run admin -- user create --email ada@example.com --password 'correct horse battery'
  npm run admin -- user list
  TOKEN=$(npm run -s admin -- token create --email ada@example.com --name ci | tail -n 1)`;

/** An expected failure: its message is the whole story, no stack trace. */
class CliError extends Error {}

type Via = "server" | "embedded" | "postgres";
interface Outcome {
  result: AdminResult;
  via: Via;
}

const flagOf: Record<string, string> = {
  email: "--email",
  password: "--password",
  name: "--name",
  admin: "--admin",
};

async function readStdinLine(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0] ?? "";
}

async function parseCli(argv: string[]): Promise<{ command: AdminCommand; json: boolean } | null> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        email: { type: "string" },
        password: { type: "string" },
        "password-stdin": { type: "boolean" },
        name: { type: "string" },
        admin: { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (err) {
    throw new CliError(`${(err as Error).message}\nRun with --help for usage.`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return null;

  const verb = positionals.join(" ");
  const cmd = new Map([
    ["user create", "user.create"],
    ["user list", "user.list"],
    ["user disable", "user.disable"],
    ["user enable", "user.enable"],
    ["token create", "token.create"],
  ]).get(verb);
  if (!cmd) throw new CliError(`Unknown command "${verb}". Run with --help for usage.`);

  let password = values.password;
  if (values["password-stdin"]) {
    if (password !== undefined) throw new CliError("Use either --password or --password-stdin");
    password = await readStdinLine();
  }
  const raw = { cmd, email: values.email, password, name: values.name, admin: values.admin };
  const checked = adminCommandSchema.safeParse(raw);
  if (!checked.success) {
    const issue = checked.error.issues[0];
    const field = String(issue?.path[0] ?? "");
    throw new CliError(`${flagOf[field] ?? field}: ${issue?.message ?? "invalid"}`);
  }
  return { command: checked.data, json: Boolean(values.json) };
}

/** Drizzle's own message quotes the query and its parameters (hashes among them); the driver's does not. */
function driverMessage(err: unknown): string {
  const shown = err instanceof Error && err.cause instanceof Error ? err.cause : err;
  return shown instanceof Error ? shown.message : String(shown);
}

async function runDirect(target: DatabaseTarget, command: AdminCommand): Promise<AdminResult> {
  let opened;
  try {
    opened = await openDatabase(target);
  } catch (err) {
    if (err instanceof DataDirLockedError) throw err;
    const where =
      target.kind === "postgres"
        ? "the Postgres database in DATABASE_URL"
        : `the embedded database in ${target.dataDir}`;
    throw new CliError(`Cannot open ${where}: ${driverMessage(err)}`);
  }
  try {
    return await runAdminCommand(opened.db, command);
  } finally {
    await opened.close();
  }
}

async function runThroughServer(env: Env, holder: number, command: AdminCommand) {
  const base = `http://localhost:${env.PORT}`;
  const held = `The embedded database in ${env.dataDir} is in use by process ${holder}`;
  const file = secretsPath(env);
  if (!fs.existsSync(file)) {
    throw new CliError(
      `${held}, but ${file} does not exist, so that process is not a Studio server for this ` +
        `DATA_DIR. Stop process ${holder} and run this command again.`,
    );
  }
  const { vaultKey } = loadSecrets(env);
  let res: Response;
  try {
    res = await fetch(`${base}/api/internal/admin`, {
      method: "POST",
      headers: {
        authorization: `Bearer ${adminCliToken(vaultKey)}`,
        "content-type": "application/json",
      },
      body: JSON.stringify(command),
      signal: AbortSignal.timeout(30_000),
    });
  } catch {
    throw new CliError(
      `${held}, but no Studio server answered at ${base}. If the server listens on another ` +
        `port, run this with PORT=<that port>. Otherwise stop process ${holder} (the embedded ` +
        `database admits one process at a time) and run this command again.`,
    );
  }
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) {
    const result = adminResultSchema.safeParse(body);
    if (result.success) return result.data;
    throw new CliError(`The server at ${base} gave an answer this CLI does not understand.`);
  }
  const error = errorBodySchema.safeParse(body);
  if (res.status === 401) {
    throw new CliError(
      `The server at ${base} refused the admin token. The CLI derives it from ${file}: run it ` +
        `with the same DATA_DIR as the server (and PORT, if several servers run).`,
    );
  }
  if (!error.success) {
    throw new CliError(
      `The server at ${base} answered HTTP ${res.status} without an admin answer; it may be ` +
        `running an older build. Restart it (npm start rebuilds) and try again.`,
    );
  }
  throw new CliError(error.data.error.message);
}

async function execute(env: Env, command: AdminCommand): Promise<Outcome> {
  if (env.DATABASE_URL) {
    const result = await runDirect({ kind: "postgres", url: env.DATABASE_URL }, command);
    return { result, via: "postgres" };
  }
  const holder = lockHolder(env.dataDir);
  if (holder === null) {
    try {
      return {
        result: await runDirect({ kind: "pglite", dataDir: env.dataDir }, command),
        via: "embedded",
      };
    } catch (err) {
      // A server started between the check and the open: it owns the database now.
      if (!(err instanceof DataDirLockedError)) throw err;
      return { result: await runThroughServer(env, err.pid, command), via: "server" };
    }
  }
  return { result: await runThroughServer(env, holder, command), via: "server" };
}

function describeVia(env: Env, via: Via): string {
  if (via === "server") return `Ran via the running server at http://localhost:${env.PORT}.`;
  if (via === "embedded") {
    return `Ran directly on the embedded database in ${env.dataDir} (no server is running).`;
  }
  return "Ran directly on the Postgres database (DATABASE_URL).";
}

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function describeUser(user: AdminUser): string {
  return `${user.email}${user.isAdmin ? " (admin)" : ""}`;
}

function printHuman(result: AdminResult): void {
  switch (result.cmd) {
    case "user.create":
      console.log(`Created ${describeUser(result.user)}.`);
      return;
    case "user.list":
      if (result.users.length === 0) {
        console.log(
          "No accounts yet. Create one with: npm run admin -- user create --email E --password P",
        );
        return;
      }
      console.log(
        table([
          ["EMAIL", "NAME", "ROLE", "STATUS", "SIGN-IN", "CREATED"],
          ...result.users.map((u) => [
            u.email,
            u.name ?? "",
            u.isAdmin ? "admin" : "user",
            u.disabledAt ? "disabled" : "active",
            u.hasPassword ? "password" : "oidc",
            u.createdAt.slice(0, 19).replace("T", " "),
          ]),
        ]),
      );
      return;
    case "user.disable":
      console.log(
        `Disabled ${result.user.email}: it can no longer sign in, and its app tokens stop working.`,
      );
      return;
    case "user.enable":
      console.log(`Enabled ${result.user.email}.`);
      return;
    case "token.create":
      console.log(
        `Created app token "${result.name}" for ${result.user.email}. It is shown only now; store it:`,
      );
      console.log(result.token);
      return;
  }
}

async function main(argv: string[]): Promise<number> {
  // The way Next loads .env files for `npm start`, without its "Loaded env" chatter on stdout.
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const cli = await parseCli(argv);
  if (!cli) {
    console.log(usage);
    return 0;
  }
  let env: Env;
  try {
    env = getEnv();
  } catch (err) {
    throw new CliError((err as Error).message);
  }
  const { result, via } = await execute(env, cli.command);
  console.error(describeVia(env, via));
  if (cli.json) console.log(JSON.stringify({ ...result, via }, null, 2));
  else printHuman(result);
  return 0;
}

// The lock file is released on exit; make Ctrl-C an exit too.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => process.exit(130));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const expected =
      err instanceof CliError || err instanceof AccountError || err instanceof DataDirLockedError;
    console.error(`admin: ${expected ? (err as Error).message : driverMessage(err)}`);
    process.exit(1);
  },
);
