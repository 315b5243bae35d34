"use client";

import { useId } from "react";
import { SwitchField } from "@/components/generate/basic-fields";
import { FieldShell } from "@/components/generate/field-shell";
import { CharacterCounter, characterCount } from "@/components/generate/prompt-field";
import { Separator } from "@/components/ui/separator";
import { Textarea } from "@/components/ui/textarea";
import { ToggleGroup, ToggleGroupItem } from "@/components/ui/toggle-group";
import type { FieldInfo } from "@/lib/catalog";
import { describeIssue } from "@/lib/catalog/describe-issue";
import { chatSettingsSchema, reasoningEfforts, type ChatSettings } from "@/lib/schemas/chat";
import { ToolsEditor } from "./tools-editor";
import { useTextDraft, type DraftParse } from "./use-text-draft";

// Labels as the catalog names these options (lib/catalog/chat.ts), with the help a chat needs.
const fields = {
  system_prompt: {
    name: "system_prompt",
    label: "System prompt",
    required: false,
    default: "",
    help: "Sent first with every turn: who the model is, how it should answer.",
    control: { kind: "prompt" },
  },
  reasoning_effort: {
    name: "reasoning_effort",
    label: "Reasoning effort",
    required: false,
    default: "high",
    help: "High thinks longer before answering; low answers sooner.",
    control: { kind: "select", options: reasoningEfforts },
  },
  include_thoughts: {
    name: "include_thoughts",
    label: "Show thinking",
    required: false,
    default: true,
    help: "Stream the model's reasoning in its own block above the answer.",
    control: { kind: "switch" },
  },
  json_mode: {
    name: "json_mode",
    label: "JSON mode",
    required: false,
    default: false,
    help: "Gemini answers with one JSON object; mention JSON in your prompt.",
    control: { kind: "switch" },
  },
} satisfies Record<string, FieldInfo>;

const effortLabels: Record<ChatSettings["reasoning_effort"], string> = { low: "Low", high: "High" };

function parseSystemPrompt(text: string): DraftParse<string> {
  const result = chatSettingsSchema.shape.system_prompt.safeParse(text, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0];
  const message = issue ? describeIssue(issue) : "is not valid";
  return { ok: false, message: `${message.charAt(0).toUpperCase()}${message.slice(1)}.` };
}

const asIs = (text: string) => text;

/**
 * A conversation's settings, sent with every turn. `onChange` only ever receives valid settings:
 * text that is not (tools JSON being typed, a system prompt over its limit) shows its problem
 * while the conversation keeps the last valid value.
 */
export function ChatSettingsPanel({
  value,
  onChange,
  disabled,
}: {
  value: ChatSettings;
  onChange: (next: ChatSettings) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const ids = {
    system: `${id}-system`,
    effort: `${id}-effort`,
    thoughts: `${id}-thoughts`,
    json: `${id}-json`,
    tools: `${id}-tools`,
  };
  const system = useTextDraft({
    value: value.system_prompt,
    format: asIs,
    parse: parseSystemPrompt,
    onValid: (system_prompt) => onChange({ ...value, system_prompt }),
  });
  const systemCounter = `${ids.system}-count`;

  return (
    <fieldset
      disabled={disabled}
      className="flex min-w-0 flex-col gap-5 p-4"
      data-testid="chat-settings-panel"
    >
      <FieldShell
        id={ids.system}
        field={fields.system_prompt}
        error={system.error?.message}
        aside={
          system.text.length > 0 ? (
            <CharacterCounter id={systemCounter} count={characterCount(system.text)} />
          ) : null
        }
      >
        <Textarea
          id={ids.system}
          name="system_prompt"
          value={system.text}
          onChange={(event) => system.setText(event.target.value)}
          rows={3}
          className="max-h-72 min-h-20"
          placeholder="You are a concise assistant for developers…"
          aria-invalid={system.error ? true : undefined}
          aria-describedby={system.error ? `${ids.system}-error` : `${ids.system}-help`}
          data-testid="chat-system-prompt"
        />
      </FieldShell>

      <Separator />

      <FieldShell
        id={ids.effort}
        field={fields.reasoning_effort}
        labelFor={null}
        aside={
          <ToggleGroup
            type="single"
            value={value.reasoning_effort}
            // Pressing the chosen effort again would leave none chosen: keep it.
            onValueChange={(next) => {
              const effort = reasoningEfforts.find((e) => e === next);
              if (effort) onChange({ ...value, reasoning_effort: effort });
            }}
            aria-labelledby={`${ids.effort}-label`}
            aria-describedby={`${ids.effort}-help`}
            className="flex-nowrap gap-1"
            data-testid="chat-reasoning-effort"
          >
            {reasoningEfforts.map((effort) => (
              <ToggleGroupItem key={effort} value={effort} className="h-7 min-w-14 text-xs">
                {effortLabels[effort]}
              </ToggleGroupItem>
            ))}
          </ToggleGroup>
        }
      >
        {null}
      </FieldShell>

      <SwitchField
        id={ids.thoughts}
        field={fields.include_thoughts}
        value={value.include_thoughts}
        onChange={(include_thoughts) => onChange({ ...value, include_thoughts })}
      />
      <SwitchField
        id={ids.json}
        field={fields.json_mode}
        value={value.json_mode}
        onChange={(json_mode) => onChange({ ...value, json_mode })}
      />

      <Separator />

      <ToolsEditor
        id={ids.tools}
        value={value.tools}
        onChange={(tools) => onChange({ ...value, tools })}
        disabled={disabled}
      />
    </fieldset>
  );
}
