// One formatter for every count: `toLocaleString` builds a new one on each call, which a gallery
// scrolling through thousands of cards paid for in every frame.
const countFormat = new Intl.NumberFormat("en-US");

/** "12,345": counts, credits and tokens, with the thousands grouped. */
export function formatCount(n: number): string {
  return countFormat.format(n);
}

/** "5 credits", "1 credit", "— credits" for unknown prices. */
export function formatCredits(credits: number | null): string {
  if (credits === null) return "price not published";
  return `${formatCount(credits)} ${credits === 1 ? "credit" : "credits"}`;
}

/** "3–15 s", "1–3 min". */
export function formatDuration([min, max]: readonly [number, number]): string {
  if (max >= 120) return `${Math.round(min / 60) || 1}–${Math.round(max / 60)} min`;
  return min === max ? `${min} s` : `${min}–${max} s`;
}
