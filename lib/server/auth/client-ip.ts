import "server-only";

/** The caller's address for throttling: the first X-Forwarded-For hop, else X-Real-IP, else "local". */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip")?.trim() || "local";
}
