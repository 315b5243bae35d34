import { AlertCircleIcon, CircleStopIcon } from "lucide-react";
import { Alert } from "@/components/ui/alert";
import type { ChatMessage } from "@/lib/schemas/chat";
import { errorTitle, readableErrorMessage } from "./message-format";

/** Why an answer ended early or failed, in words a reader can act on. */
export function MessageStatusNote({ message }: { message: ChatMessage }) {
  const detail = readableErrorMessage(message.error?.message);
  if (message.status === "error") {
    return (
      <Alert
        variant="destructive"
        className="text-destructive-strong"
        data-testid="message-error"
        data-error-type={message.error?.type}
      >
        <AlertCircleIcon aria-hidden />
        <div className="flex min-w-0 flex-col gap-0.5">
          <p className="font-medium">{errorTitle(message.error?.type)}</p>
          {detail ? <p className="text-foreground/80 [overflow-wrap:anywhere]">{detail}</p> : null}
        </div>
      </Alert>
    );
  }
  if (message.status === "interrupted") {
    return (
      <div
        className="bg-warning text-warning-foreground flex items-start gap-2 rounded-lg px-3 py-2 text-sm"
        data-testid="message-interrupted"
      >
        <CircleStopIcon className="mt-0.5 size-4 shrink-0" aria-hidden />
        <p className="min-w-0 [overflow-wrap:anywhere]">
          {/* Stopped by the reader (Stop, a reload) or cut off by the upstream (an error says so). */}
          {message.error ? "Cut short — " : "Stopped — the answer was cut short."}
          {detail ? (
            <span className="opacity-90">{message.error ? detail : ` ${detail}`}</span>
          ) : null}
        </p>
      </div>
    );
  }
  return null;
}
