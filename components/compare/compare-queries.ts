// Comparisons (/compare): keys, queries and the calls that change them. Their tasks are read
// through the task queries, which the live task stream keeps current.
import { queryOptions } from "@tanstack/react-query";
import {
  comparisonDeleteReplySchema,
  comparisonListReplySchema,
  comparisonReplySchema,
  type Comparison,
  type ComparisonCreate,
} from "@/lib/schemas/compare";
import { idempotencyKeyHeader } from "@/lib/schemas/tasks";
import { apiFetch } from "@/lib/queries/api-fetch";

export const compareKeys = {
  all: ["comparisons"] as const,
  list: ["comparisons", "list"] as const,
  detail: (id: string) => ["comparisons", "detail", id] as const,
};

export const comparisonsPath = "/api/v1/comparisons";
export const comparisonPath = (id: string) => `${comparisonsPath}/${encodeURIComponent(id)}`;

/** How many recent comparisons the Compare page lists. */
export const recentComparisonsLimit = 12;

export const comparisonListQuery = () =>
  queryOptions({
    queryKey: compareKeys.list,
    queryFn: () =>
      apiFetch(`${comparisonsPath}?limit=${recentComparisonsLimit}`, comparisonListReplySchema),
  });

/** One comparison; `initial` is what the server rendered the page with. */
export const comparisonQuery = (id: string, initial?: Comparison) =>
  queryOptions({
    queryKey: compareKeys.detail(id),
    queryFn: async () => (await apiFetch(comparisonPath(id), comparisonReplySchema)).comparison,
    // Chat answers are written to our database as they end: read it again until all have.
    refetchInterval: (query) =>
      query.state.data?.columns.some((c) => c.answer?.status === "streaming") ? 1000 : false,
    ...(initial ? { initialData: initial } : {}),
  });

/** Never retried: it creates paid tasks. The key makes a resend replay each column's task. */
export async function createComparison(input: {
  body: ComparisonCreate;
  idempotencyKey: string;
}): Promise<Comparison> {
  const reply = await apiFetch(comparisonsPath, comparisonReplySchema, {
    method: "POST",
    json: input.body,
    headers: { [idempotencyKeyHeader]: input.idempotencyKey },
  });
  return reply.comparison;
}

export async function pickFavorite(input: { id: string; column: number | null }) {
  const reply = await apiFetch(comparisonPath(input.id), comparisonReplySchema, {
    method: "PATCH",
    json: { favorite_column: input.column },
  });
  return reply.comparison;
}

export function deleteComparison(id: string) {
  return apiFetch(comparisonPath(id), comparisonDeleteReplySchema, { method: "DELETE" });
}
