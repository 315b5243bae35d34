// Function tools to start from in a conversation's settings: small, realistic, and each showing a
// different part of JSON Schema (an enum, a lone string, a date format), so a person can copy the
// pattern they need.
import type { ChatTool } from "@/lib/schemas/chat";

export interface ToolExample {
  /** The function's name, also the menu item's key. */
  name: string;
  /** What the menu says. */
  label: string;
  tool: ChatTool;
}

export const toolExamples: readonly ToolExample[] = [
  {
    name: "get_weather",
    label: "Weather for a city",
    tool: {
      type: "function",
      function: {
        name: "get_weather",
        description: "Get the current weather for a city.",
        parameters: {
          type: "object",
          properties: {
            city: { type: "string", description: "City name, e.g. Paris" },
            unit: { type: "string", enum: ["celsius", "fahrenheit"] },
          },
          required: ["city"],
        },
      },
    },
  },
  {
    name: "search_docs",
    label: "Search documentation",
    tool: {
      type: "function",
      function: {
        name: "search_docs",
        description: "Search the product documentation and return the best matching passages.",
        parameters: {
          type: "object",
          properties: {
            query: { type: "string", description: "What to look for" },
          },
          required: ["query"],
        },
      },
    },
  },
  {
    name: "create_event",
    label: "Create a calendar event",
    tool: {
      type: "function",
      function: {
        name: "create_event",
        description: "Add an event to the user's calendar.",
        parameters: {
          type: "object",
          properties: {
            title: { type: "string", description: "Short title of the event" },
            date: { type: "string", format: "date", description: "Day of the event, YYYY-MM-DD" },
          },
          required: ["title", "date"],
        },
      },
    },
  },
];
