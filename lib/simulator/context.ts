// What every authenticated /api/v1 handler receives.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Account } from "./auth-and-limits";
import type { SimulatorState } from "./state";

export interface ApiContext {
  state: SimulatorState;
  req: IncomingMessage;
  res: ServerResponse;
  /** Origin from the Host header: output URLs must work on whatever port the caller used. */
  origin: string;
  key: string;
  account: Account;
}

/** Answers a request with a body that is not JSON ([sim:malformed]). */
export function sendMalformed(ctx: ApiContext): void {
  const text = '{"code":200,"message":"success","data":{"task_id":';
  ctx.res.writeHead(200, {
    "Content-Type": "application/json",
    "Content-Length": Buffer.byteLength(text),
  });
  ctx.res.end(text);
}

/** An error carried in an HTTP 200 envelope (SPEC §10: check both status and body.code). */
export const errorIn200 = {
  code: 500,
  message: "Internal server error, please retry later",
} as const;
