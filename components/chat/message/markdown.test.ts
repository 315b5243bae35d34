// Model output is untrusted: whatever an answer contains, the rendered HTML must not run script,
// load anything, or link anywhere but http(s)/mailto. Rendered with React's server renderer, so
// every "<" in the output is a real tag (text is escaped to &lt;).
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ChatMarkdown } from "./markdown";

const render = (text: string, streaming = false) =>
  renderToStaticMarkup(createElement(ChatMarkdown, { text, streaming }));

const payloads = [
  "<img src=x onerror=alert(1)>",
  "<script>alert(1)</script>",
  "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
  '<a href="javascript:alert(1)">click</a>',
  '<a href="&#x6A;avascript:alert(1)">entity</a>',
  "<iframe src=https://evil.example></iframe>",
  "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
  "<svg onload=alert(1)><circle r=5 /></svg>",
  "<svg><script>alert(1)</script></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  "<details open ontoggle=alert(1)>x</details>",
  "<object data=javascript:alert(1)></object><embed src=javascript:alert(1)>",
  "<form action=javascript:alert(1)><button>go</button></form>",
  "<style>body{background:url(https://evil.example/t.png)}</style>",
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="https://evil.example/">',
  "<!-- <img src=x onerror=alert(1)> -->",
  "[x](javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[x](&#106;avascript:alert(1))",
  "[x](java&#x09;script:alert(1))",
  "[x](&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1))",
  "[x](vbscript:msgbox(1))",
  "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
  "[x](<javascript:alert(1)>)",
  "<javascript:alert(1)>",
  "[ref][evil]\n\n[evil]: javascript:alert(1)",
  "[x](/api/v1/chats)",
  "[x](//evil.example/a)",
  "![pixel](https://tracker.example/pixel.gif)",
  "![svg](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
  "![x](javascript:alert(1))",
  '[![x](https://i.example/a.png)](javascript:alert(1) "t")',
  "```html\n<script>alert(1)</script>\n```",
  "`<img src=x onerror=alert(1)>`",
  "| a |\n|---|\n| <img src=x onerror=alert(1)> |",
  "[x](javascript:alert(1",
  // The simulator echoes the question into its answer like this.
  "Good question. On **“<img src=x onerror=alert(1)><script>alert(2)</script>”**:",
  "Good question. On **“[x](javascript:alert(1)) <a href=javascript:alert(2)>y</a>”**:",
];

/** Tags and attributes of the rendered HTML (text content is escaped, so regexes suffice). */
function tags(html: string): string[] {
  return html.match(/<[a-z][^>]*>/gi) ?? [];
}

function expectInert(html: string) {
  for (const tag of tags(html)) {
    const name = /^<([a-z0-9-]+)/i.exec(tag)?.[1]?.toLowerCase();
    expect(
      ["script", "iframe", "object", "embed", "form", "style", "meta", "base", "img", "math"],
      tag,
    ).not.toContain(name);
    // Event handlers (onerror=, onload=, ...) on any element.
    expect(tag).not.toMatch(/\son[a-z]+\s*=/i);
    expect(tag).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(tag).not.toMatch(/\s(src|srcdoc|srcset|action|formaction)=/i);
    for (const [, href] of tag.matchAll(/\shref="([^"]*)"/g)) {
      expect(href).toMatch(/^(https?:\/\/[^/]|mailto:|#)/);
    }
    if (/\starget="_blank"/.test(tag)) expect(tag).toContain('rel="noopener noreferrer"');
    if (name === "svg") expect(tag).toContain('aria-hidden="true"'); // only our icons
    for (const [, style] of tag.matchAll(/\sstyle="([^"]*)"/g)) {
      expect(style).not.toMatch(/url\(|expression|@import/i);
    }
  }
}

describe("ChatMarkdown on hostile answers", () => {
  it.each(payloads)("renders %j inert, finished and while streaming", (payload) => {
    expectInert(render(payload));
    expectInert(render(payload, true));
    expectInert(render(`Intro paragraph.\n\n${payload}\n\nOutro.`));
  });

  it("shows raw HTML as the text it is", () => {
    const html = render("Before <b>bold?</b> <script>alert(1)</script> after");
    expect(html).toContain("&lt;b&gt;bold?&lt;/b&gt;");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/<b>/);
  });

  it("keeps the text of a refused link, without a link", () => {
    const html = render("[click me](javascript:alert(1))");
    expect(html).toContain("click me");
    expect(html).not.toMatch(/<a\s/);
  });

  it("turns an image into a link to it and loads nothing", () => {
    const html = render("![a chart](https://example.com/chart.png)");
    expect(html).not.toMatch(/<img/);
    expect(html).toMatch(
      /<a href="https:\/\/example.com\/chart.png" target="_blank" rel="noopener noreferrer"[^>]*>.*a chart/,
    );
  });
});

describe("ChatMarkdown on ordinary answers", () => {
  it("renders Markdown: headings, emphasis, lists, tables, and http(s)/mailto links", () => {
    const html = render(
      "## Plan\n\n- **one**\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n" +
        "[docs](https://example.com/docs) or <mailto:me@example.com>",
    );
    expect(html).toMatch(/<h2[^>]*>Plan<\/h2>/);
    expect(html).toMatch(/<ul[^>]*>/);
    expect(html).toMatch(/<table[^>]*>/);
    expect(html).toMatch(
      /<a href="https:\/\/example.com\/docs" target="_blank" rel="noopener noreferrer"/,
    );
    expect(html).toMatch(/<a href="mailto:me@example.com"/);
  });

  it("renders a fenced code block with its language and a copy button", () => {
    const html = render("```python\nprint('hi')\n```");
    expect(html).toContain('data-streamdown="code-block"');
    expect(html).toContain('data-language="python"');
    expect(html).toContain('aria-label="Copy code"');
    expect(html).toContain("print(&#x27;hi&#x27;)");
    // Its scrolling body is reachable by keyboard (axe: scrollable-region-focusable).
    expect(html).toMatch(
      /<div[^>]*tabindex="0"[^>]*data-streamdown="code-block-body"|<div[^>]*data-streamdown="code-block-body"[^>]*tabindex="0"/,
    );
  });

  it("names task-list boxes for screen readers", () => {
    const html = render("- [x] shipped\n- [ ] tested");
    expect(html).toMatch(
      /<input type="checkbox" disabled="" readOnly="" aria-label="Done"[^>]*checked=""/,
    );
    expect(html).toMatch(/<input type="checkbox" disabled="" readOnly="" aria-label="Not done"/);
  });

  it("closes unfinished Markdown while streaming", () => {
    const html = render("Some **bold", true);
    expect(html).toMatch(/<span class="font-semibold"[^>]*>bold<\/span>/);
  });
});
