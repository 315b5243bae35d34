// The stored request as rows a person reads: catalog labels in form order, then anything else the
// request carried under its own key. Values stay data (rendered as text, never as HTML).
import type { ModelEntry } from "@/lib/catalog";

export type ParameterValue =
  | { kind: "text"; text: string; long?: boolean }
  | { kind: "urls"; urls: string[] }
  | { kind: "lines"; lines: { voice: string | null; text: string }[] }
  | { kind: "json"; text: string };

export interface ParameterRow {
  name: string;
  label: string;
  value: ParameterValue;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

function modelValueLabel(entry: ModelEntry | undefined, value: string): string {
  const i = entry?.modelValues.indexOf(value) ?? -1;
  const label = i >= 0 ? entry?.modelValueLabels?.[i] : undefined;
  return label ? `${label} (${value})` : value;
}

function describe(name: string, value: unknown, entry: ModelEntry | undefined): ParameterValue {
  if (name === "model" && typeof value === "string") {
    return { kind: "text", text: modelValueLabel(entry, value) };
  }
  if (typeof value === "boolean") return { kind: "text", text: value ? "Yes" : "No" };
  if (typeof value === "number") return { kind: "text", text: String(value) };
  if (typeof value === "string") {
    if (/^https?:\/\//i.test(value)) return { kind: "urls", urls: [value] };
    return { kind: "text", text: value, long: value.length > 60 || value.includes("\n") };
  }
  if (Array.isArray(value) && value.every((v) => typeof v === "string")) {
    return { kind: "urls", urls: value };
  }
  if (Array.isArray(value) && value.every(isRecord) && value.every((v) => "text" in v)) {
    return {
      kind: "lines",
      lines: value.map((line) => ({
        voice: typeof line.voice === "string" ? line.voice : null,
        text: String(line.text),
      })),
    };
  }
  return { kind: "json", text: JSON.stringify(value, null, 2) };
}

export function parameterRows(
  request: Readonly<Record<string, unknown>>,
  entry: ModelEntry | undefined,
): ParameterRow[] {
  const labels = new Map(entry?.fields.map((f) => [f.name, f.label]));
  const order = [...new Set(["model", ...(entry?.fields.map((f) => f.name) ?? [])])];
  const names = [
    ...order.filter((name) => name in request),
    ...Object.keys(request).filter((name) => !order.includes(name)),
  ];
  return names
    .filter((name) => request[name] !== undefined && request[name] !== null)
    .map((name) => ({
      name,
      label: labels.get(name) ?? (name === "model" ? "Model value" : name),
      value: describe(name, request[name], entry),
    }));
}
