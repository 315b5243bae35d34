// Addresses of our stored files (`…/files/<token>`) with the server's options: a small WebP copy
// for grids (`?w=`) and a download under a chosen name (`?download=`). Other URLs (the upstream's,
// when outputs are not copied) have no such options and are returned as they are.
const storedFilePath = /^\/files\/[A-Za-z0-9_-]{43}$/;

/** The widths `/files/<token>?w=` offers. */
export const thumbnailWidths = [256, 512, 1024] as const;

function storedFileUrl(url: string): URL | undefined {
  try {
    const parsed = new URL(url, "http://localhost");
    return storedFilePath.test(parsed.pathname) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export const isStoredFile = (url: string): boolean => storedFileUrl(url) !== undefined;

function withParam(url: string, name: string, value: string): string {
  const parsed = storedFileUrl(url);
  if (!parsed) return url;
  parsed.searchParams.set(name, value);
  // A relative address stays relative.
  return url.startsWith("/") ? `${parsed.pathname}${parsed.search}` : parsed.toString();
}

/** The smallest offered width covering `cssWidth` at the screen's pixel density. */
export function thumbnailWidthFor(cssWidth: number, density = 1): number {
  const needed = cssWidth * density;
  return thumbnailWidths.find((w) => w >= needed) ?? 1024;
}

export const thumbnailUrl = (url: string, width: number): string =>
  withParam(url, "w", String(width));

/** A srcset of the offered widths for a stored image; undefined for other URLs. */
export function thumbnailSrcSet(url: string): string | undefined {
  if (!isStoredFile(url)) return undefined;
  return thumbnailWidths.map((w) => `${thumbnailUrl(url, w)} ${w}w`).join(", ");
}

/** The file saved as `name` (the server sanitizes it and adds the extension). */
export const downloadUrl = (url: string, name: string): string => withParam(url, "download", name);
