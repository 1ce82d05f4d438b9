import { describe, expect, it } from "vitest";
import { renderChat, renderRefined } from "../src/chat";

describe("renderChat", () => {
  it("shows each turn with who said it, in order, as text", () => {
    const list = document.createElement("ol");
    renderChat(list, [
      { role: "assistant", text: "Which systems?", at: "2026-11-25T10:00:00Z" },
      { role: "user", text: "<b>Zendesk</b>", at: "2026-11-25T10:00:05Z" },
    ]);

    const items = [...list.querySelectorAll("li")];
    expect(items.map((item) => item.className)).toEqual(["chat-turn chat-assistant", "chat-turn chat-user"]);
    expect(items.map((item) => item.querySelector(".chat-who")?.textContent)).toEqual(["CrewBuilder", "You"]);
    expect(items[1].querySelector("p")?.textContent).toBe("<b>Zendesk</b>");
    expect(list.querySelector("b")).toBeNull();
  });
});

describe("renderRefined", () => {
  it("shows the summary and only the sections that have something in them", () => {
    const container = document.createElement("div");
    renderRefined(container, {
      summary: "Triage 200 tickets a day.",
      features: ["Label urgency"],
      constraints: [],
      successCriteria: ["80% of drafts sent unchanged"],
      assumptions: [],
      outOfScope: ["Sending replies"],
    });

    expect(container.querySelector(".refined-summary")?.textContent).toBe("Triage 200 tickets a day.");
    expect([...container.querySelectorAll("h4")].map((heading) => heading.textContent)).toEqual(["What it will do", "How you will judge it", "Out of scope"]);
    expect([...container.querySelectorAll("li")].map((item) => item.textContent)).toEqual(["Label urgency", "80% of drafts sent unchanged", "Sending replies"]);
  });
});
