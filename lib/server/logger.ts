// A tiny logger: one line per event, prefixed, never given secrets. The admin CLI uses it too.
// Lines go to the console (tests spy on it to read them); LOG_LEVEL keeps the quieter ones out.
import "server-only";

const prefix = "[studio]";

const levels = { silent: 0, error: 1, warn: 2, info: 3 } as const;
type LogLevel = keyof typeof levels;

/**
 * Read on every line, straight from process.env: the logger must keep working while lib/env is
 * refusing a bad environment (lib/env is what checks LOG_LEVEL's spelling at start).
 */
function threshold(): number {
  const configured = process.env.LOG_LEVEL;
  return configured && Object.hasOwn(levels, configured)
    ? levels[configured as LogLevel]
    : levels.info;
}

function log(level: Exclude<LogLevel, "silent">, msg: string): void {
  if (levels[level] > threshold()) return;
  const line = `${prefix} ${msg}`;
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}

export const logger = {
  info: (msg: string) => log("info", msg),
  warn: (msg: string) => log("warn", msg),
  error: (msg: string) => log("error", msg),
};
