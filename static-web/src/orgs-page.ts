import { attemptShowing } from "./api";
import { element, showError } from "./dom";
import type { OrgSummary } from "./orgs-api";

/** What the parts of the organisations page share: who is signed in, the organisation on show, and how to redraw it. */
export interface OrgsPage {
  readonly bearer: string;
  /** The organisation on show, if any; the page's forms act on it. */
  selected(): OrgSummary | null;
  /** Reloads the list and shows this organisation, as after any change. */
  show(orgId: string): Promise<void>;
}

const error = element<HTMLParagraphElement>("orgs-error");
const note = element<HTMLParagraphElement>("orgs-note");

/** Members' e-mail addresses by user id, so the audit log names people rather than ids. */
export const memberEmails = new Map<string, string>();

export const attempt = (action: () => Promise<void>): Promise<void> => attemptShowing(error, action);

export const showProblem = (message: string): void => showError(error, message);

export function tell(message: string): void {
  note.hidden = false;
  note.textContent = message;
}
