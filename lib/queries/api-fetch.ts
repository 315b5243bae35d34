// Browser-side calls to our own /api routes: JSON in, JSON out, and errors as readable messages.
import { errorBodySchema } from "@/lib/schemas/api";

export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = "ApiRequestError";
  }
}

export async function apiFetch<T>(
  path: string,
  init: RequestInit & { json?: unknown } = {},
): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: {
      ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
      ...rest.headers,
    },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: handled below
  }
  if (!res.ok) {
    const parsed = errorBodySchema.safeParse(data);
    const retry = Number(res.headers.get("retry-after")) || undefined;
    if (parsed.success)
      throw new ApiRequestError(
        res.status,
        parsed.data.error.type,
        parsed.data.error.message,
        retry,
      );
    throw new ApiRequestError(
      res.status,
      "server_error",
      `The server answered ${res.status}. Try again in a moment.`,
    );
  }
  return data as T;
}
