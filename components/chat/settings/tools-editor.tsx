"use client";

import { ChevronDownIcon, PlusIcon } from "lucide-react";
import { useRef } from "react";
import { FieldShell } from "@/components/generate/field-shell";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "@/components/ui/dropdown-menu";
import { Textarea } from "@/components/ui/textarea";
import type { FieldInfo } from "@/lib/catalog";
import { formatTools, parseTools } from "@/lib/chat/parse-tools";
import { toolExamples } from "@/lib/chat/tool-examples";
import type { ChatTool } from "@/lib/schemas/chat";
import { useTextDraft, type DraftParse } from "./use-text-draft";

const toolsField: FieldInfo = {
  name: "tools",
  label: "Tools",
  required: false,
  default: [],
  help: "A JSON array of OpenAI function tools. When the model calls one, you type its result and the conversation goes on.",
  control: { kind: "text" },
};

function parse(text: string): DraftParse<ChatTool[]> {
  const result = parseTools(text);
  return result.ok ? { ok: true, value: result.tools } : result;
}

const placeholder = `[
  {
    "type": "function",
    "function": { "name": "…", "parameters": { … } }
  }
]`;

/** The conversation's tools as editable JSON, checked as it is typed, with examples to insert. */
export function ToolsEditor({
  id,
  value,
  onChange,
  disabled,
}: {
  id: string;
  value: ChatTool[];
  onChange: (tools: ChatTool[]) => void;
  disabled?: boolean;
}) {
  const textarea = useRef<HTMLTextAreaElement>(null);
  // After an insert the caret belongs in the editor, not back on the menu's button.
  const focusEditor = useRef(false);
  const draft = useTextDraft({ value, format: formatTools, parse, onValid: onChange });
  const tools = draft.valid;
  const names = new Set(tools.map((tool) => tool.function.name));
  const problem = draft.error?.message;
  const error = problem
    ? `${problem.replace(/\.$/, "")} — until this is fixed, the conversation keeps its last valid tools.`
    : undefined;

  function insert(tool: ChatTool) {
    draft.setText(formatTools([...tools, tool]));
    focusEditor.current = true;
  }

  return (
    <FieldShell
      id={id}
      field={toolsField}
      error={error}
      aside={
        <div className="flex items-center gap-2">
          {tools.length > 0 ? (
            <Badge variant="secondary" data-testid="chat-tools-count">
              {tools.length} {tools.length === 1 ? "tool" : "tools"}
            </Badge>
          ) : null}
          <DropdownMenu>
            <DropdownMenuTrigger asChild>
              <Button
                type="button"
                variant="outline"
                size="sm"
                className="h-7 px-2 text-xs"
                disabled={disabled}
                data-testid="insert-tool-example"
              >
                <PlusIcon aria-hidden />
                Insert example
                <ChevronDownIcon aria-hidden className="opacity-60" />
              </Button>
            </DropdownMenuTrigger>
            <DropdownMenuContent
              align="end"
              className="w-64"
              onCloseAutoFocus={(event) => {
                if (!focusEditor.current) return;
                focusEditor.current = false;
                event.preventDefault();
                textarea.current?.focus();
              }}
            >
              <DropdownMenuLabel>
                {draft.error ? "Fix the JSON first to add an example" : "Add a function tool"}
              </DropdownMenuLabel>
              <DropdownMenuSeparator />
              {toolExamples.map((example) => (
                <DropdownMenuItem
                  key={example.name}
                  disabled={draft.error !== undefined || names.has(example.name)}
                  onSelect={() => insert(example.tool)}
                  className="flex-col items-start gap-0.5"
                >
                  <code className="font-mono text-xs">{example.name}</code>
                  <span className="text-muted-foreground text-xs">
                    {names.has(example.name) ? "Already in the list" : example.label}
                  </span>
                </DropdownMenuItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        </div>
      }
    >
      <Textarea
        ref={textarea}
        id={id}
        name="tools"
        value={draft.text}
        onChange={(event) => draft.setText(event.target.value)}
        placeholder={placeholder}
        rows={8}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        autoCorrect="off"
        className="max-h-96 min-h-32 font-mono text-xs leading-relaxed"
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-help`}
        data-testid="chat-tools-json"
      />
    </FieldShell>
  );
}
