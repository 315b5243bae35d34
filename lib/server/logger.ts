// A tiny structured-enough logger: one line per event, prefixed, never given secrets.
import "server-only";

const prefix = "[studio]";

export const logger = {
  info: (msg: string) => console.log(`${prefix} ${msg}`),
  warn: (msg: string) => console.warn(`${prefix} ${msg}`),
  error: (msg: string) => console.error(`${prefix} ${msg}`),
};
