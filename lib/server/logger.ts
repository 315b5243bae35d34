// A tiny logger: one line per event, prefixed, never given secrets. The admin CLI uses it too.
import "server-only";

const prefix = "[studio]";

export const logger = {
  info: (msg: string) => console.log(`${prefix} ${msg}`),
  warn: (msg: string) => console.warn(`${prefix} ${msg}`),
  error: (msg: string) => console.error(`${prefix} ${msg}`),
};
