// The usage query's time zone: IANA names only. Newer Intl (Node 22+, current browsers) accepts
// UTC offsets like "+01:00" as zones, and Postgres would read those as POSIX zones, east and west
// inverted, so the schema refuses them whatever the runtime's Intl says.
import { afterEach, describe, expect, it, vi } from "vitest";
import { usageQuerySchema } from "./usage";

const tzOk = (tz: string) => usageQuerySchema.safeParse({ tz }).success;

describe("usageQuerySchema tz", () => {
  afterEach(() => vi.restoreAllMocks());

  it("takes IANA names", () => {
    for (const tz of ["UTC", "Europe/Paris", "America/Argentina/Buenos_Aires", "Etc/GMT+1"]) {
      expect(tzOk(tz), tz).toBe(true);
    }
    expect(tzOk("Mars/Olympus")).toBe(false);
  });

  it("refuses UTC offsets even where Intl accepts them", () => {
    // An Intl that takes offset zones, as ECMA-402 2024 runtimes do.
    const Real = Intl.DateTimeFormat;
    vi.spyOn(Intl, "DateTimeFormat").mockImplementation(function (
      locale?: string,
      options?: Intl.DateTimeFormatOptions,
    ) {
      const zone = options?.timeZone ?? "";
      return new Real(locale, /^[+-]\d{2}(:?\d{2})?$/.test(zone) ? {} : options);
    } as unknown as typeof Intl.DateTimeFormat);
    expect(() => new Intl.DateTimeFormat("en-US", { timeZone: "+01:00" })).not.toThrow();
    for (const tz of ["+01:00", "-05:00", "+0100", "+01"]) expect(tzOk(tz), tz).toBe(false);
    expect(tzOk("Europe/Paris")).toBe(true);
  });
});
