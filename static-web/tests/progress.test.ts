import { describe, expect, it } from "vitest";
import type { Generation } from "../src/generations-api";
import { chargeLine, describe as describeGeneration, formatSize, isFinished, modeLabel, renderFiles, renderSteps, renderSummary, stepDuration, summaryItems, timeLeft } from "../src/progress";

const generation = (overrides: Partial<Generation>): Generation => ({
  id: "abc",
  status: "running",
  mode: "template",
  progress: 28,
  createdAt: "2026-11-25T10:00:00Z",
  files: [],
  steps: [
    { name: "analyse", status: "completed", startedAt: "2026-11-25T10:00:00.000Z", completedAt: "2026-11-25T10:00:00.250Z" },
    { name: "design-agents", status: "completed", startedAt: "2026-11-25T10:00:01Z", completedAt: "2026-11-25T10:00:03.5Z", summary: "Designed 2 agents (sequential): Triage Specialist, Reply Writer.", tokensIn: 1200, tokensOut: 450 },
    { name: "design-tasks", status: "running", startedAt: "2026-11-25T10:00:04Z" },
    { name: "write-code", status: "pending" },
  ],
  ...overrides,
});

describe("describe", () => {
  it("names the running step and its position", () => {
    expect(describeGeneration(generation({}))).toBe("Planning the tasks… (step 3 of 4)");
  });

  it("reports the files of a completed generation", () => {
    const done = generation({ status: "completed", files: [{ path: "a.py", size: 1 }, { path: "b.py", size: 2 }] });
    expect(describeGeneration(done)).toBe("Done: 2 files are ready to download.");
  });

  it("says in plain words where a failure stopped and that the request is kept, not the server's log line", () => {
    const steps = generation({}).steps.map((step) => (step.status === "running" ? { ...step, status: "failed" as const } : step));
    const said = describeGeneration(generation({ status: "failed", steps, error: "did not have the expected shape after 3 attempts", charge: { to: "plan", counted: false } }));
    expect(said).toBe("The generation stopped while planning the tasks and could not finish. This did not count against your plan. Your request is still in the form: choose Try again, or change it first.");
  });

  it("says whether an unfinished generation cost anything, from what the API says it was charged to", () => {
    const ended = (overrides: Partial<Generation>) => chargeLine(generation({ status: "failed", ...overrides }));
    expect(ended({ charge: { to: "credit", counted: false } })).toBe("You were not charged: your paid generation is still there for the next try.");
    expect(ended({ charge: { to: "organisation", counted: false } })).toBe("This did not count against your organisation's allowance.");
    expect(ended({ charge: { to: "none", counted: false }, keySource: "once", cost: { seconds: 3, tokensIn: 1200, tokensOut: 300 } }))
      .toBe("CrewBuilder charged nothing; your provider bills the 1,500 tokens the steps used on your key.");
    expect(ended({ charge: { to: "none", counted: false } })).toBe("You were not charged.");
    expect(describeGeneration(generation({ status: "cancelled", charge: { to: "plan", counted: false } }))).toBe("The generation was cancelled. This did not count against your plan.");
  });

  it("treats completed, failed and cancelled as finished, and nothing else", () => {
    expect(["queued", "running", "completed", "failed", "cancelled"].map((status) => isFinished(generation({ status: status as Generation["status"] }))))
      .toEqual([false, false, true, true, true]);
  });
});

describe("stepDuration", () => {
  it("shows milliseconds under a second and seconds above", () => {
    const steps = generation({}).steps;
    expect(stepDuration(steps[0])).toBe("250 ms");
    expect(stepDuration(steps[1])).toBe("2.5 s");
    expect(stepDuration(steps[2])).toBe("");
  });
});

describe("timeLeft", () => {
  it("estimates the steps not done at the pace of those done", () => {
    // Two steps done in 0.25 s and 2.5 s: about 1.4 s each, for the two left.
    expect(timeLeft(generation({}).steps)).toBe("about 3 s left");
  });

  it("says it is still estimating before a step has ended", () => {
    expect(timeLeft([{ name: "analyse", status: "running", startedAt: "2026-11-25T10:00:00Z" }])).toBe("estimating the time left…");
  });
});

describe("renderSteps", () => {
  it("shows what a cancel stopped as cancelled, and what a failure left as not run, never as waiting", () => {
    const list = document.createElement("ol");
    renderSteps(list, generation({}).steps, "cancelled");
    expect([...list.querySelectorAll("li")].map((item) => item.className)).toEqual(["step step-completed", "step step-completed", "step step-cancelled", "step step-cancelled"]);
    expect(list.querySelector("[aria-current]")).toBeNull();

    const failed = generation({}).steps.map((step) => (step.status === "running" ? { ...step, status: "failed" as const } : step));
    renderSteps(list, failed, "failed");
    expect([...list.querySelectorAll(".step-state")].map((state) => state.textContent?.split(" · ")[0])).toEqual(["done", "done", "failed", "not run"]);
  });

  it("renders one item per step, marks the running one as current and says each status in words", () => {
    const list = document.createElement("ol");
    renderSteps(list, generation({}).steps);

    const items = [...list.querySelectorAll("li")];
    expect(items.map((item) => item.dataset.step)).toEqual(["analyse", "design-agents", "design-tasks", "write-code"]);
    expect(items[2].getAttribute("aria-current")).toBe("step");
    expect(items.map((item) => item.querySelector(".step-state")?.textContent)).toEqual([
      "done · 250 ms",
      "done · 2.5 s · 1,650 tokens",
      "in progress",
      "waiting",
    ]);
  });

  it("shows what a finished step found under its label", () => {
    const list = document.createElement("ol");
    renderSteps(list, generation({}).steps);

    const summaries = [...list.querySelectorAll("li")].map((item) => item.querySelector(".step-summary")?.textContent ?? null);
    expect(summaries).toEqual([null, "Designed 2 agents (sequential): Triage Specialist, Reply Writer.", null, null]);
  });

  it("counts the parts of a running step that runs them side by side", () => {
    const list = document.createElement("ol");
    renderSteps(list, [
      { name: "feasibility", status: "running", parts: [{ name: "Slack", status: "completed" }, { name: "Zendesk", status: "running" }] },
      { name: "review", status: "completed", parts: [{ name: "checks", status: "completed" }] },
    ]);

    expect([...list.querySelectorAll(".step-state")].map((state) => state.textContent)).toEqual(["in progress · 1 of 2 parts done", "done"]);
  });

  it("does not interpret step names as HTML", () => {
    const list = document.createElement("ol");
    renderSteps(list, [{ name: "<img src=x onerror=alert(1)>", status: "pending" }]);
    expect(list.querySelector("img")).toBeNull();
  });
});

describe("renderFiles", () => {
  it("shows folders first as open groups, then files with readable sizes, each opening by its whole path", () => {
    const list = document.createElement("ul");
    const opened: string[] = [];
    renderFiles(list, [{ path: "src/pkg/b.py", size: 2048 }, { path: "README.md", size: 12 }, { path: "src/a.py", size: 1 }], (path) => opened.push(path));

    expect([...list.children].map((item) => item.querySelector("summary")?.textContent ?? item.textContent)).toEqual(["src/", "README.md12 B"]);
    expect([...list.querySelectorAll("summary")].map((summary) => summary.textContent)).toEqual(["src/", "pkg/"]);
    expect(list.querySelector<HTMLDetailsElement>("details")?.open).toBe(true);
    const buttons = [...list.querySelectorAll<HTMLButtonElement>("button")];
    expect(buttons.map((button) => button.getAttribute("aria-label"))).toEqual(["View src/pkg/b.py", "View src/a.py", "View README.md"]);
    buttons[0].click();
    expect(opened).toEqual(["src/pkg/b.py"]);
  });

  it("formats sizes", () => {
    expect([0, 1023, 1536].map(formatSize)).toEqual(["0 B", "1023 B", "1.5 KB"]);
  });
});

describe("modeLabel", () => {
  it("says template mode, or which provider and whose key designed the crew", () => {
    expect(modeLabel(generation({ mode: "template" }))).toBe("Template mode");
    expect(modeLabel(generation({ mode: "llm", provider: "openai", keySource: "server" }))).toBe("Designed by OpenAI with the server's key (self-hosted)");
    expect(modeLabel(generation({ mode: "llm", provider: "anthropic", keySource: "saved" }))).toBe("Designed by Anthropic with your saved key");
  });

  it("names the organisation that pays", () => {
    const paid = generation({ mode: "llm", provider: "openai", keySource: "organisation", organisation: { id: "o1", name: "Beta Labs" } });
    expect(modeLabel(paid)).toBe("Designed by OpenAI with Beta Labs's key");
  });
});

describe("summaryItems", () => {
  const completed = generation({
    status: "completed",
    summary: {
      systemName: "Support Inbox Triage", agents: 3, tasks: 3, integrations: 2, complexity: "medium", runtimeModel: "gpt-4o-mini",
      costPerRunUsd: 0.00324, runsPerMonth: 720, costPerMonthUsd: 2.33,
    },
    cost: { seconds: 12.34, tokensIn: 3000, tokensOut: 1210, costUsd: 0.0021 },
  });

  it("says what was built, what running it costs and what the generation took", () => {
    expect(summaryItems(completed)).toEqual([
      ["System", "Support Inbox Triage"],
      ["Crew", "3 agents, 3 tasks, 2 integrations"],
      ["Complexity", "medium"],
      ["Running cost (estimate)", "$0.0032 per run on gpt-4o-mini; about $2.33 a month at 720 runs"],
      ["This generation", "12.3 s · 4,210 tokens · $0.0021"],
    ]);
  });

  it("says how much of the monthly cost is the integrations' own fees rather than the model's runs", () => {
    const withFees = generation({ status: "completed", summary: { ...completed.summary!, costPerRunUsd: 0.0042, runsPerMonth: 30, costPerMonthUsd: 30.13, integrationsPerMonthUsd: 30 } });
    expect(summaryItems(withFees)[3]).toEqual([
      "Running cost (estimate)",
      "$0.0042 per run on gpt-4o-mini; about $30.13 a month at 30 runs, of which about $30 is the integrations' own fees",
    ]);
  });

  it("leaves tokens and cost out of a template generation that used none", () => {
    expect(summaryItems(generation({ status: "completed", cost: { seconds: 0.8, tokensIn: 0, tokensOut: 0 } }))).toEqual([["This generation", "0.8 s"]]);
  });

  it("renders a definition list whose text is never read as HTML", () => {
    const list = document.createElement("dl");
    renderSummary(list, generation({ status: "completed", summary: { ...completed.summary!, systemName: "<b>x</b>" } }));

    expect(list.querySelector("dd")?.textContent).toBe("<b>x</b>");
    expect(list.querySelector("b")).toBeNull();
  });
});
