// The scales + and − step through (1 = the image's real pixels), and where a double-click goes.
export const zoomSteps = [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 6, 8];
export const maxZoom = 8;
export const panStep = 80;

/** The next step up (1) or down (−1) from `scale`; the end of the range stays put. */
export function stepZoom(scale: number, direction: 1 | -1, minScale: number): number {
  const next =
    direction === 1
      ? zoomSteps.find((s) => s > scale + 1e-3)
      : zoomSteps.findLast((s) => s < scale - 1e-3);
  return Math.min(maxZoom, Math.max(minScale, next ?? scale));
}

/** A double-click toggles between fitting and 100 % (200 % when the whole image fits at 100 %). */
export function toggleTarget(fitScale: number): number {
  return fitScale < 0.999 ? 1 : 2;
}
