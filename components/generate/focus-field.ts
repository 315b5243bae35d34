// Moves focus to the control a validation error names, or to the first control inside it.
import { fieldDomId } from "./form-values";

const focusable =
  'input:not([type="hidden"]):not([tabindex="-1"]), textarea, select, button:not([disabled]), [tabindex="0"]';

export function focusField(prefix: string, path: string, topLevel: string): boolean {
  const element =
    document.getElementById(fieldDomId(prefix, path)) ??
    document.getElementById(fieldDomId(prefix, topLevel));
  if (!element) return false;
  const target = element.matches(focusable)
    ? element
    : element.querySelector<HTMLElement>(
        // A toggle group: its chosen item first.
        `[data-state="on"], ${focusable}`,
      );
  (target ?? element).focus();
  return true;
}
