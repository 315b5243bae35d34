"use client";

// The "notify me" preference: a browser notification when a run finishes while the tab is hidden.
// Off by default; kept in localStorage (a choice about this browser, like its permission), and on
// only while the browser still grants the permission.
import { useCallback, useSyncExternalStore } from "react";

const storageKey = "studio:notify-finished";
const changeEvent = "studio:notify-finished-change";

export type NotifyOutcome = "on" | "off" | "unsupported" | "blocked" | "dismissed";

function supported(): boolean {
  return typeof window !== "undefined" && "Notification" in window;
}

function read(): boolean {
  try {
    return (
      supported() &&
      window.localStorage.getItem(storageKey) === "on" &&
      Notification.permission === "granted"
    );
  } catch {
    return false;
  }
}

function write(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(storageKey, "on");
    else window.localStorage.removeItem(storageKey);
  } catch {
    // storage blocked: the switch simply does not stick
  }
  window.dispatchEvent(new Event(changeEvent));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(changeEvent, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(changeEvent, onChange);
  };
}

/** Whether to notify, and a setter that asks for the permission first when turning it on. */
export function useFinishedNotifications(): [boolean, (on: boolean) => Promise<NotifyOutcome>] {
  const enabled = useSyncExternalStore(subscribe, read, () => false);
  const setEnabled = useCallback(async (on: boolean): Promise<NotifyOutcome> => {
    if (!on) {
      write(false);
      return "off";
    }
    if (!supported()) return "unsupported";
    if (Notification.permission === "denied") return "blocked";
    const permission =
      Notification.permission === "granted" ? "granted" : await Notification.requestPermission();
    if (permission !== "granted") return permission === "denied" ? "blocked" : "dismissed";
    write(true);
    return "on";
  }, []);
  return [enabled, setEnabled];
}
