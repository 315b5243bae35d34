"use client";

import { StudioUserProvider } from "./studio-user";
import { TaskStreamProvider } from "./task-stream-provider";

/** What every signed-in studio page shares: who is signed in, and the tab's live task stream. */
export function StudioProviders({
  userId,
  children,
}: {
  userId: string;
  children: React.ReactNode;
}) {
  return (
    <StudioUserProvider userId={userId}>
      <TaskStreamProvider>{children}</TaskStreamProvider>
    </StudioUserProvider>
  );
}
