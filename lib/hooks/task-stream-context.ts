"use client";

import { createContext, useContext } from "react";

/** "open": the live stream delivers every change, nothing needs to poll; else views poll slowly. */
export type TaskStreamState = "connecting" | "open" | "down";

export const TaskStreamContext = createContext<TaskStreamState>("down");

/** Is the live task stream open in this tab? (False outside the studio layout.) */
export function useTaskStreamLive(): boolean {
  return useContext(TaskStreamContext) === "open";
}
