import { Skeleton } from "@/components/ui/skeleton";

const titleWidths = ["w-40", "w-32", "w-44", "w-28", "w-36", "w-24"];

/** The sidebar's list while it loads. */
export function ChatListSkeleton() {
  return (
    <div
      className="flex flex-col gap-1 px-2"
      role="status"
      aria-busy="true"
      aria-label="Loading conversations"
    >
      {titleWidths.map((width, i) => (
        <div key={i} className="flex h-9 items-center px-2.5">
          <Skeleton className={`h-4 ${width} max-w-full`} />
        </div>
      ))}
    </div>
  );
}

/** A conversation while it loads: a question and an answer, in their places. */
export function ChatMessagesSkeleton() {
  return (
    <div
      className="mx-auto flex w-full max-w-3xl flex-1 flex-col gap-8 px-4 pt-6 md:px-6"
      role="status"
      aria-busy="true"
      aria-label="Loading the conversation"
      data-testid="chat-loading"
    >
      <Skeleton className="h-10 w-2/3 self-end rounded-xl" />
      <div className="flex flex-col gap-2">
        <Skeleton className="h-4 w-11/12" />
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-3/4" />
      </div>
      <Skeleton className="h-10 w-1/2 self-end rounded-xl" />
      <div className="flex flex-col gap-2">
        <Skeleton className="h-4 w-full" />
        <Skeleton className="h-4 w-5/6" />
      </div>
    </div>
  );
}
