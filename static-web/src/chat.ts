import type { ChatMessage, RefinedRequirement } from "./clarifications-api";

/** The transcript: each turn a list item that says who spoke; text is never read as HTML. */
export function renderChat(list: HTMLOListElement, messages: ChatMessage[]): void {
  list.replaceChildren(
    ...messages.map((message) => {
      const item = document.createElement("li");
      item.className = `chat-turn chat-${message.role}`;
      const who = document.createElement("span");
      who.className = "chat-who";
      who.textContent = message.role === "assistant" ? "CrewBuilder" : "You";
      const text = document.createElement("p");
      text.textContent = message.text;
      item.append(who, text);
      return item;
    }),
  );
}

const sections: [keyof RefinedRequirement, string][] = [
  ["features", "What it will do"],
  ["constraints", "Limits"],
  ["successCriteria", "How you will judge it"],
  ["assumptions", "Assumptions"],
  ["outOfScope", "Out of scope"],
];

/** The refined requirement the chat ends with: a summary, then each non-empty section as a list. */
export function renderRefined(container: HTMLElement, refined: RefinedRequirement): void {
  const summary = document.createElement("p");
  summary.className = "refined-summary";
  summary.textContent = refined.summary;
  const parts: HTMLElement[] = [summary];
  for (const [key, title] of sections) {
    const items = refined[key] as string[];
    if (items.length === 0) continue;
    const heading = document.createElement("h4");
    heading.textContent = title;
    const list = document.createElement("ul");
    list.append(
      ...items.map((text) => {
        const item = document.createElement("li");
        item.textContent = text;
        return item;
      }),
    );
    parts.push(heading, list);
  }
  container.replaceChildren(...parts);
}
