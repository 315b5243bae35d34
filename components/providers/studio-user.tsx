"use client";

import { createContext, useContext } from "react";

const StudioUserContext = createContext<string>("anonymous");

/** The signed-in user's id for browser-side state kept per account (drafts). */
export function StudioUserProvider({
  userId,
  children,
}: {
  userId: string;
  children: React.ReactNode;
}) {
  return <StudioUserContext value={userId}>{children}</StudioUserContext>;
}

export function useStudioUserId(): string {
  return useContext(StudioUserContext);
}
