"use client";

import { XIcon } from "lucide-react";
import { useState } from "react";
import { ChatSettingsPanel } from "@/components/chat/settings/chat-settings-panel";
import { PromptField } from "@/components/generate/prompt-field";
import { ActionAlert } from "@/components/generate/submit-error-alert";
import { Button } from "@/components/ui/button";
import { chatModel } from "@/lib/catalog";
import type { ChatSettings } from "@/lib/schemas/chat";
import {
  columnLetter,
  maxCompareColumns,
  minCompareColumns,
  type CompareRoute,
} from "@/lib/schemas/compare";
import {
  addChatColumn,
  chatColumnBody,
  chatColumnPrice,
  chatSettingsSummary,
  initialChatColumns,
  validateChatSetup,
  type ChatCompareColumn,
} from "./chat-compare-state";
import { AddColumnButton, CompareForm, CompareOptions } from "./compare-form";
import { CompareRunBar } from "./compare-run-bar";
import { totalPrice, type ColumnProblem } from "./compare-state";
import { SharedProblems } from "./shared-problems";
import { useSubmitComparison } from "./use-submit-comparison";

const messageField = {
  name: "prompt",
  label: "Message",
  help: "Every column sends this same message; only the settings differ.",
  required: true,
  control: { kind: "prompt" as const, min: 1 },
};

/**
 * Chat: there is one chat model, so the columns compare its settings (reasoning effort, a system
 * prompt, JSON mode, tools) on one message, each set with the chat page's own settings panel.
 */
export function ChatCompareWorkspace({
  seed,
  onRouteChange,
}: {
  seed: { prompt: string; blind: boolean };
  onRouteChange: (seed: { route: CompareRoute; prompt: string; blind: boolean }) => void;
}) {
  const [prompt, setPrompt] = useState(seed.prompt);
  const [blind, setBlind] = useState(seed.blind);
  const [columns, setColumns] = useState<ChatCompareColumn[]>(initialChatColumns);
  const [checked, setChecked] = useState(false);
  const { submit: send, alert, pending } = useSubmitComparison();

  const problems: ColumnProblem[] = checked ? validateChatSetup(columns, prompt) : [];
  const empty = checked && prompt.trim() === "";
  const prices = columns.map(() => chatColumnPrice());
  const setSettings = (i: number, settings: ChatSettings) =>
    setColumns((all) => all.map((c, j) => (j === i ? { ...c, settings } : c)));

  const submit = () => {
    if (pending) return;
    setChecked(true);
    if (prompt.trim() === "" || validateChatSetup(columns, prompt).length > 0) return;
    send({
      route: "chat",
      prompt,
      blind,
      columns: columns.map((c) => chatColumnBody(c.settings, prompt)),
    });
  };

  return (
    <CompareForm onSubmit={submit}>
      <div className="bg-card text-card-foreground flex flex-col gap-4 rounded-xl border p-4 shadow-xs sm:p-5">
        <CompareOptions
          route="chat"
          onRouteChange={(route) => onRouteChange({ route, prompt, blind })}
          blind={blind}
          onBlindChange={setBlind}
        />
        <PromptField
          id="compare-prompt"
          field={messageField}
          value={prompt}
          onChange={setPrompt}
          error={empty ? "Write the message every column sends." : undefined}
        />
        <SharedProblems
          problems={problems
            .filter((p) => p.field === "prompt")
            .map((p) => ({ ...p, name: chatModel.label }))}
        />
      </div>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2 xl:grid-cols-4">
        {columns.map((column, i) => (
          <section
            key={column.key}
            aria-label={`Column ${columnLetter(i)}`}
            data-testid="compare-column"
            data-model="gemini"
            className="bg-card text-card-foreground flex min-w-0 flex-col rounded-xl border shadow-xs"
          >
            <div className="flex items-center justify-between gap-2 px-4 pt-4">
              <div className="flex min-w-0 flex-col gap-0.5">
                <h2 className="text-sm font-semibold">Column {columnLetter(i)}</h2>
                <span className="text-muted-foreground truncate text-xs">
                  {chatModel.label} · {chatSettingsSummary(chatColumnBody(column.settings, prompt))}
                </span>
              </div>
              {columns.length > minCompareColumns ? (
                <Button
                  type="button"
                  variant="ghost"
                  size="icon"
                  className="size-8"
                  aria-label={`Remove column ${columnLetter(i)}`}
                  onClick={() => setColumns((all) => all.filter((_, j) => j !== i))}
                >
                  <XIcon />
                </Button>
              ) : null}
            </div>
            {problems
              .filter((p) => p.column === i && p.field !== "prompt")
              .map((p) => (
                <p
                  key={p.field}
                  className="text-destructive px-4 pt-2 text-xs"
                  data-testid="column-error"
                >
                  {p.message}
                </p>
              ))}
            <ChatSettingsPanel value={column.settings} onChange={(next) => setSettings(i, next)} />
          </section>
        ))}
        {columns.length < maxCompareColumns ? (
          <AddColumnButton onClick={() => setColumns(addChatColumn)} />
        ) : null}
      </div>
      {alert ? (
        <ActionAlert message={alert.message} action={alert.action} testId="compare-error" />
      ) : null}
      <CompareRunBar prices={prices} total={totalPrice(prices)} pending={pending} />
    </CompareForm>
  );
}
