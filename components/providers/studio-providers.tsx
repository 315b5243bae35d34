"use client";

import { QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { Toaster } from "sonner";
import { makeQueryClient } from "@/lib/queries/query-client";
import { StudioUserProvider } from "./studio-user";
import { TaskStreamProvider } from "./task-stream-provider";

/**
 * What every signed-in studio page shares: the query client, the toasts, who is signed in, and the
 * tab's live task stream. The studio layout stays mounted as the reader moves between its pages,
 * so the query cache lives as long as the tab stays in the Studio.
 */
export function StudioProviders({
  userId,
  children,
}: {
  userId: string;
  children: React.ReactNode;
}) {
  const [queryClient] = useState(makeQueryClient);
  return (
    <QueryClientProvider client={queryClient}>
      <StudioUserProvider userId={userId}>
        <TaskStreamProvider>{children}</TaskStreamProvider>
      </StudioUserProvider>
      <Toaster richColors closeButton position="bottom-right" />
    </QueryClientProvider>
  );
}
