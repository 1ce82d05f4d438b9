import type { ApiProblem } from "./api";

/** A problem said beside its cause, with its next step a real link: buy, renew, fix the key, sign in. */

export type ProblemPart = string | { text: string; href: string };

/** The phrases of the API's and the page's sentences that name a next step, and where each leads. */
const nextSteps: [RegExp, string][] = [
  [/buy a single generation/i, "/pricing#plan-generation"],
  [/under Billing/, "/billing"],
  [/Settings/, "/settings"],
  [/\bsign in\b/i, "/signin?next=%2Fgenerate"],
];

/** The sentence cut into text and links, in order; a sentence without a next step is one part. */
export function problemParts(message: string): ProblemPart[] {
  const pattern = new RegExp(nextSteps.map(([phrase]) => `(${phrase.source})`).join("|"), "gi");
  const parts: ProblemPart[] = [];
  let last = 0;
  for (const match of message.matchAll(pattern)) {
    if (match.index > last) parts.push(message.slice(last, match.index));
    const step = nextSteps.findIndex((_, index) => match[index + 1] !== undefined);
    parts.push({ text: match[0], href: nextSteps[step][1] });
    last = match.index + match[0].length;
  }
  if (last < message.length) parts.push(message.slice(last));
  return parts;
}

/** Shows a sentence (or hides the element for null), its next steps as links; text stays text. */
export function showProblem(target: HTMLElement, message: string | null): void {
  target.hidden = message === null;
  target.replaceChildren(
    ...problemParts(message ?? "").map((part) => {
      if (typeof part === "string") return document.createTextNode(part);
      const link = document.createElement("a");
      link.href = part.href;
      link.className = "inline-link";
      link.textContent = part.text;
      return link;
    }),
  );
}

const keyFields = ["keySource", "provider", "encryptedKey", "credit", "model"];

/** Whether a refused start is about paying or the key (shown beside the key choice) rather than the requirement. */
export const isKeyProblem = (problem: ApiProblem): boolean =>
  problem.status === 402 || problem.status === 403 || (problem.status === 429 && /used up|budget/i.test(problem.title))
  || Object.keys(problem.errors).some((field) => keyFields.includes(field));
