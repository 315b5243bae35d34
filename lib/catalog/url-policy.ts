// Which URLs a caller may hand the upstream to fetch. `httpUrlSchema` (params.ts) only says a
// string is a well-formed http(s) URL; a policy says whether this deployment lets it through. The
// Studio refuses addresses that lead back into a private network (SSRF); the simulator plays the
// internet-facing upstream and takes localhost upload URLs in tests, so it applies none by default.

/**
 * Returns why `url` (already a valid http(s) URL) is refused for `field`, in words that follow
 * "field: ", or undefined to accept it. `field` is the value's path ("input_urls[2]").
 */
export type UrlPolicy = (url: URL, field: string) => string | undefined;

export const publicUrlMessage =
  "must be a public http(s) URL (private and loopback addresses are refused)";

type Cidr4 = readonly [a: number, b: number, c: number, d: number, bits: number];

/** IPv4 blocks that are not the public internet (RFC 6890 and friends). */
const nonPublicV4: readonly Cidr4[] = [
  [0, 0, 0, 0, 8], // "this network", incl. the unspecified 0.0.0.0
  [10, 0, 0, 0, 8], // private
  [100, 64, 0, 0, 10], // carrier-grade NAT
  [127, 0, 0, 0, 8], // loopback
  [169, 254, 0, 0, 16], // link-local, incl. cloud metadata at 169.254.169.254
  [172, 16, 0, 0, 12], // private
  [192, 0, 0, 0, 24], // IETF protocol assignments
  [192, 168, 0, 0, 16], // private
  [198, 18, 0, 0, 15], // benchmarking
  [224, 0, 0, 0, 4], // multicast
  [240, 0, 0, 0, 4], // reserved, incl. broadcast 255.255.255.255
];

/** Host names that name this machine or a private network by convention (RFC 6761, 8375, ICANN). */
const privateSuffixes = ["localhost", "local", "internal", "home.arpa", "localdomain"];

function v4ToNumber(parts: readonly number[]): number {
  return (
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0
  );
}

function inV4Block(address: number, [a, b, c, d, bits]: Cidr4): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return (address & mask) >>> 0 === (v4ToNumber([a, b, c, d]) & mask) >>> 0;
}

function isPublicV4(address: number): boolean {
  return !nonPublicV4.some((block) => inV4Block(address, block));
}

/** Dotted decimal as the WHATWG parser writes it (it has already turned 0x7f.1 into 127.0.0.1). */
function parseV4(host: string): number | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? v4ToNumber(parts) : undefined;
}

/** Eight 16-bit groups from an IPv6 literal (without brackets), or undefined. */
function parseV6(literal: string): number[] | undefined {
  let text = literal.toLowerCase();
  // A trailing dotted IPv4 part ("::ffff:127.0.0.1") is two groups written another way.
  const lastColon = text.lastIndexOf(":");
  const v4 = parseV4(text.slice(lastColon + 1));
  if (v4 !== undefined) {
    text = `${text.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${(v4 & 0xffff).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (part: string | undefined): number[] | undefined => {
    if (part === undefined || part === "") return [];
    const out: number[] = [];
    for (const group of part.split(":")) {
      if (!/^[0-9a-f]{1,4}$/.test(group)) return undefined;
      out.push(parseInt(group, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const rest = groups(halves[1]);
  if (!head || !rest) return undefined;
  const known = head.length + rest.length;
  if (halves.length === 1) return known === 8 ? head : undefined;
  if (known > 7) return undefined;
  return [...head, ...Array<number>(8 - known).fill(0), ...rest];
}

function embeddedV4(high: number | undefined, low: number | undefined): number {
  return (((high ?? 0) << 16) | (low ?? 0)) >>> 0;
}

function isPublicV6(g: readonly number[]): boolean {
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6, g7] = g;
  const firstFiveZero = g0 === 0 && g1 === 0 && g2 === 0 && g3 === 0 && g4 === 0;
  // ::/96 holds :: (unspecified), ::1 (loopback) and the old IPv4-compatible ::a.b.c.d;
  // ::ffff:0:0/96 is IPv4-mapped. Both reach whatever IPv4 address they carry.
  if (firstFiveZero && (g5 === 0 || g5 === 0xffff)) {
    const v4 = embeddedV4(g6, g7);
    if (g5 === 0 && v4 <= 1) return false;
    return isPublicV4(v4);
  }
  // NAT64 (64:ff9b::/96) also carries an IPv4 address; 6to4 (2002::/16) carries one in groups 1–2.
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 0 && g3 === 0 && g4 === 0 && g5 === 0) {
    return isPublicV4(embeddedV4(g6, g7));
  }
  if (g0 === 0x2002) return isPublicV4(embeddedV4(g1, g2));
  if ((g0 & 0xfe00) === 0xfc00) return false; // unique local fc00::/7
  if ((g0 & 0xffc0) === 0xfe80) return false; // link-local fe80::/10
  if ((g0 & 0xffc0) === 0xfec0) return false; // old site-local fec0::/10
  if ((g0 & 0xff00) === 0xff00) return false; // multicast ff00::/8
  return true;
}

/**
 * Whether a parsed URL's host is on the public internet, judged from its spelling alone (no DNS):
 * a name that resolves to a private address is not caught here.
 */
export function isPublicHost(url: URL): boolean {
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  if (host === "") return false;
  if (host.startsWith("[") && host.endsWith("]")) {
    const groups = parseV6(host.slice(1, -1));
    return groups !== undefined && isPublicV6(groups);
  }
  const v4 = parseV4(host);
  if (v4 !== undefined) return isPublicV4(v4);
  // A single label ("intranet", "metadata") resolves through local search domains.
  if (!host.includes(".")) return false;
  return !privateSuffixes.some((suffix) => host === suffix || host.endsWith(`.${suffix}`));
}

export interface PublicUrlPolicyOptions {
  /**
   * Origins accepted whatever their address, e.g. the Studio's own upload URLs
   * ("http://localhost:3000"). Each must be an absolute URL; only its origin counts.
   */
  allowOrigins?: readonly string[];
}

/**
 * The Studio's policy: URLs the upstream will fetch must point at the public internet (no
 * loopback, private, link-local, CGNAT, unspecified or multicast address, however it is spelled,
 * and no localhost names), unless their origin is one of `allowOrigins`.
 */
export function publicUrlPolicy(options: PublicUrlPolicyOptions = {}): UrlPolicy {
  const allowed = new Set(
    (options.allowOrigins ?? []).map((origin) => {
      const url = new URL(origin);
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new Error(`allowOrigins: "${origin}" is not an http(s) origin`);
      }
      return url.origin;
    }),
  );
  return (url) => {
    if (allowed.has(url.origin)) return undefined;
    if (url.protocol !== "http:" && url.protocol !== "https:") return publicUrlMessage;
    return isPublicHost(url) ? undefined : publicUrlMessage;
  };
}
