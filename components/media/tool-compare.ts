import { isHttpUrl } from "@/lib/catalog";
import type { RouteId } from "@/lib/catalog/types";

/** The image tools whose result is best seen against what went in, on a before/after slider. */
const compared: Partial<Record<RouteId, { checker: boolean }>> = {
  "remove-bg": { checker: true },
  upscale: { checker: false },
  "face-swap": { checker: false },
};

export interface ToolCompare {
  /** The tool's input image (a face swap's target scene). */
  before: string;
  /** The result is a cut-out: show it on a checkerboard. */
  checker: boolean;
}

/** What to compare a tool's result with; undefined for other routes or without an input image. */
export function toolCompare(route: RouteId, inputs: readonly string[]): ToolCompare | undefined {
  const how = compared[route];
  const before = inputs[0];
  if (!how || before === undefined || !isHttpUrl(before)) return undefined;
  return { before, checker: how.checker };
}
