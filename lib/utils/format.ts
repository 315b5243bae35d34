/** "5 credits", "1 credit", "— credits" for unknown prices. */
export function formatCredits(credits: number | null): string {
  if (credits === null) return "price not published";
  return `${credits.toLocaleString("en-US")} ${credits === 1 ? "credit" : "credits"}`;
}

/** "3–15 s", "1–3 min". */
export function formatDuration([min, max]: readonly [number, number]): string {
  if (max >= 120) return `${Math.round(min / 60) || 1}–${Math.round(max / 60)} min`;
  return min === max ? `${min} s` : `${min}–${max} s`;
}
