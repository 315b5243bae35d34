// The one error accounts code throws for expected outcomes; routes and the CLI map `code` to answers.
import "server-only";

export type AccountErrorCode = "email_taken" | "not_found" | "registration_closed" | "invalid";

export class AccountError extends Error {
  constructor(
    readonly code: AccountErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "AccountError";
  }
}
