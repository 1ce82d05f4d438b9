export const MIN_LENGTH = 20;
export const MAX_LENGTH = 10_000;

export interface RequirementFeedback {
  valid: boolean;
  message: string;
}

const format = (n: number): string => n.toLocaleString("en-US");

/** The same length rule the API applies, said before the person submits. */
export function requirementFeedback(text: string): RequirementFeedback {
  const length = text.trim().length;
  if (length === 0) return { valid: false, message: `Describe what the crew should do (at least ${MIN_LENGTH} characters).` };
  if (length < MIN_LENGTH) {
    const missing = MIN_LENGTH - length;
    return { valid: false, message: `${missing} more character${missing === 1 ? "" : "s"} needed.` };
  }
  if (length > MAX_LENGTH) {
    return { valid: false, message: `${format(length - MAX_LENGTH)} characters too long (at most ${format(MAX_LENGTH)}).` };
  }
  return { valid: true, message: `${format(length)} / ${format(MAX_LENGTH)} characters` };
}

/** Said when a paste makes the requirement too long: nothing is cut, so the person chooses what to keep. */
export function longPasteWarning(text: string): string | null {
  const length = text.trim().length;
  return length > MAX_LENGTH
    ? `That paste makes the requirement ${format(length)} characters, and CrewBuilder reads at most ${format(MAX_LENGTH)}. Nothing was cut: shorten it to what the crew needs before generating.`
    : null;
}
