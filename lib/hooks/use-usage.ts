"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { refreshUsageOnFinish, usageQuery } from "@/lib/queries/usage";

let zone: string | undefined;

/** The browser's IANA time zone ("Europe/Paris"): the user's days start at their midnight. */
export function browserTimeZone(): string {
  zone ??= Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  return zone;
}

/**
 * The user's spend over the last `days` days, in their time zone. While another range loads, the
 * previous one stays on screen (`isPlaceholderData`) rather than a skeleton.
 */
export function useUsage(days: number) {
  return useQuery({ ...usageQuery(days, browserTimeZone()), placeholderData: keepPreviousData });
}

/** Keeps every spend on screen current: read again when a task the tab watches finishes. */
export function useUsageLive(): void {
  const client = useQueryClient();
  useEffect(() => refreshUsageOnFinish(client), [client]);
}
