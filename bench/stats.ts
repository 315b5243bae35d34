// Percentiles for the benchmark (nearest-rank, so every reported value was actually observed).

export interface Summary {
  p50: number;
  p99: number;
  mean: number;
  count: number;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? Number.NaN;
}

export function summarize(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = values.reduce((sum, v) => sum + v, 0) / (values.length || 1);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, count: values.length };
}
