"use client";

// How a model's Markdown is made safe to render. Streamdown's defaults parse raw HTML
// (rehype-raw), sanitize it with GitHub's schema, then run rehype-harden with every prefix
// allowed, and render images and links to any http(s) address. We want less:
// - no rehype-raw: HTML in an answer is shown as the text it is, never parsed into elements;
// - rehype-sanitize with GitHub's schema narrowed to http(s)/mailto links and http(s) sources;
// - every URL attribute passes safeLink (no javascript:, data:, relative paths, ...);
// - links open in a new tab without an opener or referrer; images are never fetched: each one
//   becomes a link to its address (a reader can choose to open it).
import { ExternalLinkIcon, ImageIcon } from "lucide-react";
import {
  createContext,
  createElement,
  useContext,
  type ComponentProps,
  type ReactNode,
} from "react";
import {
  defaultComponents,
  defaultRehypePlugins,
  type Components,
  type StreamdownProps,
} from "streamdown";
import { safeLink, safeUrl } from "@/lib/chat/safe-link";

type SanitizeSchema = {
  protocols?: Record<string, string[]>;
  tagNames?: string[];
} & Record<string, unknown>;

function strictSanitize(): NonNullable<StreamdownProps["rehypePlugins"]>[number] {
  const pluggable = defaultRehypePlugins.sanitize;
  if (!Array.isArray(pluggable) || typeof pluggable[0] !== "function") {
    throw new Error("streamdown no longer exports its sanitize plugin as [plugin, schema]");
  }
  const [plugin, base] = pluggable as [unknown, SanitizeSchema];
  const schema: SanitizeSchema = {
    ...base,
    protocols: {
      href: ["http", "https", "mailto"],
      src: ["http", "https"],
      cite: ["http", "https"],
      longDesc: ["http", "https"],
    },
    tagNames: (base.tagNames ?? []).filter((tag) => tag !== "picture" && tag !== "source"),
  };
  return [plugin, schema] as NonNullable<StreamdownProps["rehypePlugins"]>[number];
}

/** The rehype plugins for model output: sanitize only (raw HTML is never parsed). */
export const chatRehypePlugins: NonNullable<StreamdownProps["rehypePlugins"]> = [strictSanitize()];

/** Streamdown's `urlTransform`: anything safeLink refuses loses its URL attribute. */
export const chatUrlTransform = (url: string) => safeUrl(url);

const linkClass =
  "text-primary font-medium underline underline-offset-2 [overflow-wrap:anywhere] rounded-sm outline-none focus-visible:ring-[3px] focus-visible:ring-ring/50";

// An image inside a link must not render a second <a> inside the first.
const InsideLink = createContext(false);

function ChatLink({ href, children }: { href?: string; children?: ReactNode }) {
  const link = safeLink(href);
  if (!link) return <span data-blocked-link="">{children}</span>;
  if (link.kind !== "external") {
    return (
      <a href={link.href} className={linkClass}>
        <InsideLink value>{children}</InsideLink>
      </a>
    );
  }
  return (
    <a
      href={link.href}
      target="_blank"
      rel="noopener noreferrer"
      className={linkClass}
      title={link.href}
    >
      <InsideLink value>{children}</InsideLink>
      <ExternalLinkIcon className="ml-0.5 inline size-3 align-baseline" aria-hidden />
      <span className="sr-only"> (opens in a new tab)</span>
    </a>
  );
}

/** An image the model pointed at, as a link to it: nothing is fetched until the reader asks. */
function ChatImage({ src, alt }: { src?: unknown; alt?: string }) {
  const insideLink = useContext(InsideLink);
  const link = safeLink(typeof src === "string" ? src : null);
  const label = alt?.trim() || "Image";
  const content = (
    <>
      <ImageIcon className="mr-1 inline size-3.5 align-[-0.15em]" aria-hidden />
      {label}
    </>
  );
  if (!link || link.kind !== "external" || insideLink) {
    return (
      <span className="text-muted-foreground" data-blocked-image="">
        {content}
      </span>
    );
  }
  return (
    <a
      href={link.href}
      target="_blank"
      rel="noopener noreferrer"
      className={linkClass}
      title={`Image not loaded: open ${link.href}`}
      data-blocked-image=""
    >
      {content}
      <span className="sr-only"> (image, opens in a new tab)</span>
    </a>
  );
}

/** A task-list box ("- [x] done"), named for screen readers; nothing else an input could be. */
function TaskCheckbox({ type, checked }: { type?: string; checked?: boolean }) {
  if (type !== "checkbox") return null;
  return (
    <input
      type="checkbox"
      checked={checked === true}
      disabled
      readOnly
      aria-label={checked ? "Done" : "Not done"}
      className="mr-1.5 align-[-0.1em]"
    />
  );
}

type CodeProps = ComponentProps<typeof defaultComponents.code>;

/** Streamdown's code, with the block's scrolling body reachable by keyboard. */
function ChatCode(props: CodeProps) {
  const block = "data-block" in props;
  return createElement(defaultComponents.code, block ? { ...props, tabIndex: 0 } : props);
}

/** Component overrides for model Markdown (the rest are streamdown's own). */
export const chatMarkdownComponents: Components = {
  a: ({ href, children }) => <ChatLink href={href}>{children}</ChatLink>,
  img: ({ src, alt }) => <ChatImage src={src} alt={alt} />,
  input: ({ type, checked }) => <TaskCheckbox type={type} checked={checked} />,
  code: ChatCode,
};
