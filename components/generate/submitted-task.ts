// The two things a generation page hands to and gets from its form, typed once here.
import type { ModelEntry, RouteId } from "@/lib/catalog";

/** A task the form has just created (our route answered with its id), with what was sent. */
export interface SubmittedTask {
  task_id: string;
  status: string;
  route: RouteId;
  model: ModelEntry;
  body: Record<string, unknown>;
}

/**
 * Settings to put into the form ("Retry with these settings", "Open in form", "Reuse this seed").
 * Pass a new object each time to fill again.
 * - Without `merge`, the body replaces the form: its route and model, every field from `body`,
 *   defaults for the rest. If the user has edits the form has not run yet, it asks first.
 * - With `merge: true`, only the fields in `body` change (e.g. `{ seed: 42 }`); every other field,
 *   and the model, keep their values. Fields the current model does not have are ignored.
 */
export interface FormRefill {
  route: RouteId;
  body: Record<string, unknown>;
  merge?: boolean;
}
