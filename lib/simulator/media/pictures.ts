// Generated pictures: pleasant, cheap to draw and fully determined by a seed. Shapes are shaded
// per pixel with smooth edges so the PNGs stay small (smooth areas compress well).
import { between, createRng, pick, type Rng } from "../hash";
import type { RasterImage } from "./png";

type Rgb = readonly [number, number, number];

function hsl(h: number, s: number, l0: number): Rgb {
  // Darker hill layers of a night scene ask for a lightness below 0: black, not a wrapped byte.
  const l = Math.min(1, Math.max(0, l0));
  const hue = (((h % 360) + 360) % 360) / 360;
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t0: number): number => {
    const t = t0 < 0 ? t0 + 1 : t0 > 1 ? t0 - 1 : t0;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return [channel(hue + 1 / 3) * 255, channel(hue) * 255, channel(hue - 1 / 3) * 255];
}

function mix(a: Rgb, b: Rgb, t: number): Rgb {
  const k = t < 0 ? 0 : t > 1 ? 1 : t;
  return [a[0] + (b[0] - a[0]) * k, a[1] + (b[1] - a[1]) * k, a[2] + (b[2] - a[2]) * k];
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return t * t * (3 - 2 * t);
}

/** 1 inside a disc of radius r, 0 outside, with a one-pixel soft edge (px = one pixel in units). */
function disc(d: number, r: number, px: number): number {
  return 1 - smoothstep(r - px, r + px, d);
}

/** Math.hypot is several times slower in V8, and this runs for every pixel. */
function len(x: number, y: number): number {
  return Math.sqrt(x * x + y * y);
}

/** The colour being composed for one pixel; mutable so the per-pixel loops allocate nothing. */
class Paint {
  r = 0;
  g = 0;
  b = 0;

  set(c: Rgb): this {
    [this.r, this.g, this.b] = c;
    return this;
  }

  /** Paints `c` over the current colour with coverage t in [0, 1]. */
  over(c: Rgb, t: number): this {
    if (t <= 0) return this;
    const k = t >= 1 ? 1 : t;
    this.r += (c[0] - this.r) * k;
    this.g += (c[1] - this.g) * k;
    this.b += (c[2] - this.b) * k;
    return this;
  }

  /** Paints a colour between `a` and `b` (at position `along`) with coverage t. */
  overGradient(a: Rgb, b: Rgb, along: number, t: number): this {
    if (t <= 0) return this;
    const s = along < 0 ? 0 : along > 1 ? 1 : along;
    const k = t >= 1 ? 1 : t;
    this.r += (a[0] + (b[0] - a[0]) * s - this.r) * k;
    this.g += (a[1] + (b[1] - a[1]) * s - this.g) * k;
    this.b += (a[2] + (b[2] - a[2]) * s - this.b) * k;
    return this;
  }

  write(pixels: Uint8Array, at: number): void {
    pixels[at] = Math.round(this.r);
    pixels[at + 1] = Math.round(this.g);
    pixels[at + 2] = Math.round(this.b);
  }
}

/** Width × height for an aspect ratio such as "16:9", long side `longSide`; unknown ratios are square. */
export function sizeForAspect(
  aspect: string | undefined,
  longSide = 512,
): { width: number; height: number } {
  const match = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(aspect ?? "");
  const w = match ? Number(match[1]) : 1;
  const h = match ? Number(match[2]) : 1;
  if (!(w > 0 && h > 0)) return { width: longSide, height: longSide };
  return w >= h
    ? { width: longSide, height: Math.max(1, Math.round((longSide * h) / w)) }
    : { width: Math.max(1, Math.round((longSide * w) / h)), height: longSide };
}

interface Hill {
  base: number;
  waves: readonly { amp: number; freq: number; phase: number }[];
  top: Rgb;
  bottom: Rgb;
}

/** A landscape: sky gradient, a glowing sun, drifting bokeh and three layers of rolling hills. */
export function renderScene(width: number, height: number, seed: number): RasterImage {
  const rng = createRng(seed);
  const hue = rng() * 360;
  const night = rng() < 0.3;
  const skyTop = hsl(hue, 0.55, night ? 0.12 : 0.42);
  const skyBottom = hsl(hue + between(rng, 20, 70), 0.75, night ? 0.35 : 0.78);
  const sunColour = hsl(hue + 40, 0.95, night ? 0.9 : 0.82);
  // Work in units of the long side so the composition survives any aspect ratio.
  const unit = Math.max(width, height);
  const px = 1 / unit;
  const w = width / unit;
  const h = height / unit;
  const sun = {
    x: between(rng, 0.2, 0.8) * w,
    y: between(rng, 0.15, 0.45) * h,
    r: between(rng, 0.05, 0.1),
  };
  const bokeh = Array.from({ length: 3 + Math.floor(rng() * 4) }, () => ({
    x: rng() * w,
    y: rng() * h * 0.6,
    r: between(rng, 0.015, 0.05),
    alpha: between(rng, 0.12, 0.3),
    colour: hsl(hue + between(rng, -40, 80), 0.8, 0.85),
  }));
  const hillHue = hue + pick(rng, [120, 150, 180, 210] as const);
  const hills: Hill[] = [0, 1, 2].map((i) => ({
    base: h * (0.55 + i * 0.14 + between(rng, -0.03, 0.03)),
    waves: [0, 1].map((k) => ({
      amp: (h * between(rng, 0.02, 0.07)) / (k + 1),
      freq: between(rng, 3, 8) * (k + 1),
      phase: rng() * Math.PI * 2,
    })),
    top: hsl(hillHue + i * 12, 0.45, (night ? 0.3 : 0.55) - i * 0.12),
    bottom: hsl(hillHue + i * 12 + 10, 0.5, (night ? 0.18 : 0.38) - i * 0.1),
  }));

  // Hill outlines depend on the column only: compute them once, not per pixel.
  const tops = hills.map((hill) =>
    Float64Array.from({ length: width }, (_, x) =>
      hill.waves.reduce(
        (top, wave) => top + wave.amp * Math.sin((x / unit) * wave.freq + wave.phase),
        hill.base,
      ),
    ),
  );
  const pixels = new Uint8Array(width * height * 3);
  const paint = new Paint();
  for (let y = 0; y < height; y++) {
    const v = y / unit;
    const skyRow = mix(skyTop, skyBottom, Math.pow(y / height, 0.8));
    for (let x = 0; x < width; x++) {
      const u = x / unit;
      paint.set(skyRow);
      const ds = len(u - sun.x, v - sun.y);
      paint.over(sunColour, Math.max(disc(ds, sun.r, px), Math.exp(-ds / (sun.r * 1.2)) * 0.45));
      for (const b of bokeh) {
        if (Math.abs(u - b.x) < b.r + 3 * px)
          paint.over(b.colour, disc(len(u - b.x, v - b.y), b.r, px * 2) * b.alpha);
      }
      for (let i = 0; i < hills.length; i++) {
        const hill = hills[i];
        const top = tops[i]?.[x] ?? 0;
        if (hill && v > top - px) {
          paint.overGradient(
            hill.top,
            hill.bottom,
            (v - top) / (h * 0.3),
            smoothstep(top - px, top + px, v),
          );
        }
      }
      paint.write(pixels, (y * width + x) * 3);
    }
  }
  return { width, height, channels: 3, pixels };
}

/** A cut-out subject on a transparent background, with a half-transparent shadow (real alpha). */
export function renderCutout(size: number, seed: number): RasterImage {
  const rng = createRng(seed);
  const hue = rng() * 360;
  const base = hsl(hue, 0.65, 0.5);
  const light = hsl(hue + 25, 0.8, 0.78);
  const lobes = [
    { k: 3 + Math.floor(rng() * 3), amp: between(rng, 0.05, 0.12), phase: rng() * 6.3 },
    { k: 6 + Math.floor(rng() * 3), amp: between(rng, 0.02, 0.05), phase: rng() * 6.3 },
  ];
  const shadowColour: Rgb = [20, 20, 30];
  const cx = 0.5;
  const cy = 0.46;
  const radius = 0.3;
  const px = 1 / size;
  const pixels = new Uint8Array(size * size * 4);
  const paint = new Paint();
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      const d = len(u - cx, v - cy);
      const angle = Math.atan2(v - cy, u - cx);
      let r = radius;
      for (const lobe of lobes) r += radius * lobe.amp * Math.sin(lobe.k * angle + lobe.phase);
      const body = disc(d, r, px);
      const shadow = disc(len((u - cx) / 1.6, (v - 0.86) * 3.2), 0.16, px * 3) * 0.35;
      const alpha = body + shadow * (1 - body);
      const along = len(u - cx + 0.1, v - cy + 0.1) / (radius * 1.5);
      const at = (y * size + x) * 4;
      paint
        .set(shadowColour)
        .overGradient(light, base, along, alpha > 0 ? body / alpha : 0)
        .write(pixels, at);
      pixels[at + 3] = Math.round(alpha * 255);
    }
  }
  return { width: size, height: size, channels: 4, pixels };
}

const skinTones: readonly [Rgb, ...Rgb[]] = [
  [255, 224, 196],
  [241, 194, 155],
  [224, 172, 128],
  [198, 134, 86],
  [141, 85, 52],
  [96, 60, 40],
];

function facePalette(rng: Rng): { skin: Rgb; hair: Rgb; shirt: Rgb; backA: Rgb; backB: Rgb } {
  const hue = rng() * 360;
  return {
    skin: pick(rng, skinTones),
    hair: hsl(between(rng, 10, 40), between(rng, 0.3, 0.7), between(rng, 0.1, 0.45)),
    shirt: hsl(hue + 180, 0.55, 0.5),
    backA: hsl(hue, 0.6, 0.8),
    backB: hsl(hue + 50, 0.6, 0.6),
  };
}

const white: Rgb = [255, 255, 255];
const pupil: Rgb = [35, 30, 40];
const blush: Rgb = [255, 120, 130];
const lips: Rgb = [150, 50, 60];

/** A friendly cartoon portrait: the face-swap result. */
export function renderPortrait(size: number, seed: number): RasterImage {
  const rng = createRng(seed);
  const p = facePalette(rng);
  const eyeGap = between(rng, 0.08, 0.11);
  const smile = between(rng, 0.09, 0.13);
  const px = 1 / size;
  const pixels = new Uint8Array(size * size * 3);
  const paint = new Paint();
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const u = x / size;
      const v = y / size;
      const c = paint.set(p.backA).over(p.backB, (u + v) / 2);
      c.over(p.shirt, disc(len((u - 0.5) / 1.7, v - 1.12), 0.3, px));
      c.over(p.skin, disc(len(u - 0.5, (v - 0.75) * 1.5), 0.06, px));
      c.over(p.hair, disc(len((u - 0.5) / 1.05, v - 0.4), 0.25, px));
      const face = disc(len((u - 0.5) / 0.85, v - 0.46), 0.24, px);
      const fringe = v < 0.34 ? disc(len(u - 0.5, (v - 0.27) * 1.6), 0.2, px) : 0;
      c.over(p.skin, face * (1 - fringe));
      for (const side of [-1, 1]) {
        const ex = 0.5 + side * eyeGap;
        c.over(white, disc(len(u - ex, (v - 0.44) * 1.2), 0.034, px));
        c.over(pupil, disc(len(u - ex, v - 0.445), 0.018, px));
        c.over(blush, disc(len(u - (0.5 + side * 0.15), v - 0.53), 0.03, px * 6) * 0.35);
      }
      // The smile: the lower half of a thin ring.
      const ring = Math.abs(len(u - 0.5, v - 0.5) - smile);
      if (v > 0.53) c.over(lips, disc(ring, 0.007, px) * face);
      c.write(pixels, (y * size + x) * 3);
    }
  }
  return { width: size, height: size, channels: 3, pixels };
}
