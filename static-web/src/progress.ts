import type { Generation, GeneratedFile, StepProgress } from "./generations-api";

const stepLabels: Record<string, string> = {
  analyse: "Understanding the requirement",
  feasibility: "Checking the integrations",
  "design-agents": "Designing the agents",
  "design-tasks": "Planning the tasks",
  "write-code": "Writing the code",
  review: "Reviewing and repairing",
  gate: "Running the crew in a sandbox",
  document: "Writing the docs",
  deploy: "Adding deployment files",
  package: "Packaging the download",
};

export const stepLabel = (name: string): string => stepLabels[name] ?? name;

export const isFinished = (generation: Generation): boolean =>
  generation.status === "completed" || generation.status === "failed" || generation.status === "cancelled";

/** One sentence for the live region: what is happening now, in words a person uses. */
export function describe(generation: Generation): string {
  switch (generation.status) {
    case "queued":
      return "Waiting for a worker to pick up your generation…";
    case "completed":
      return `Done: ${generation.files.length} files are ready to download.`;
    case "failed": {
      const failed = generation.steps.find((step) => step.status === "failed");
      const where = failed ? ` while ${stepLabel(failed.name).toLowerCase()}` : "";
      return `The generation stopped${where} and could not finish. ${chargeLine(generation)} Your request is still in the form: choose Try again, or change it first.`;
    }
    case "cancelled":
      return `The generation was cancelled. ${chargeLine(generation)}`;
    default: {
      const current = generation.steps.find((step) => step.status === "running");
      const done = generation.steps.filter((step) => step.status === "completed").length;
      return current
        ? `${stepLabel(current.name)}… (step ${done + 1} of ${generation.steps.length})`
        : `${done} of ${generation.steps.length} steps done…`;
    }
  }
}

/** Whether an ended generation that did not complete cost the person anything, from what the API says it was charged to. */
export function chargeLine(generation: Generation): string {
  const tokens = (generation.cost?.tokensIn ?? 0) + (generation.cost?.tokensOut ?? 0);
  switch (generation.charge?.to) {
    case "plan":
      return "This did not count against your plan.";
    case "credit":
      return "You were not charged: your paid generation is still there for the next try.";
    case "organisation":
      return "This did not count against your organisation's allowance.";
    default:
      return (generation.keySource === "once" || generation.keySource === "saved") && tokens > 0
        ? `CrewBuilder charged nothing; your provider bills the ${tokens.toLocaleString("en-US")} tokens the steps used on your key.`
        : "You were not charged.";
  }
}

export function stepDuration(step: StepProgress): string {
  if (!step.startedAt || !step.completedAt) return "";
  const ms = Date.parse(step.completedAt) - Date.parse(step.startedAt);
  return ms < 1000 ? `${Math.max(ms, 1)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** How many of a running step's side-by-side parts are done ("1 of 2 parts done"); nothing for a step without parts or not running. */
function partsDone(step: StepProgress): string {
  const parts = step.parts ?? [];
  if (step.status !== "running" || parts.length === 0) return "";
  return `${parts.filter((part) => part.status === "completed").length} of ${parts.length} parts done`;
}

const statusWords: Record<StepProgress["status"] | "cancelled" | "skipped", string> = {
  pending: "waiting",
  running: "in progress",
  completed: "done",
  failed: "failed",
  cancelled: "cancelled",
  skipped: "not run",
};

/** How a step reads once its generation has ended: what a cancel stopped shows as cancelled, what a failure left as not run. */
export function stepState(step: StepProgress, generation: Generation["status"]): keyof typeof statusWords {
  if (step.status === "completed") return "completed";
  if (generation === "cancelled") return "cancelled";
  if (generation === "failed" && step.status !== "failed") return "skipped";
  return step.status;
}

/** About how long the steps not yet done will take, at the pace of those done; null before one is done. */
export function timeLeft(steps: StepProgress[]): string | null {
  const done = steps.filter((step) => step.startedAt && step.completedAt);
  if (done.length === 0) return "estimating the time left…";
  const average = done.reduce((sum, step) => sum + Date.parse(step.completedAt!) - Date.parse(step.startedAt!), 0) / done.length;
  const seconds = Math.max(1, Math.round((average * (steps.length - done.length)) / 1000));
  return seconds < 60 ? `about ${seconds} s left` : `about ${Math.round(seconds / 60)} min left`;
}

export function renderSteps(list: HTMLOListElement, steps: StepProgress[], generation: Generation["status"] = "running"): void {
  list.replaceChildren(
    ...steps.map((step) => {
      const shown = stepState(step, generation);
      const item = document.createElement("li");
      item.className = `step step-${shown}`;
      item.dataset.step = step.name;
      const label = document.createElement("span");
      label.className = "step-label";
      label.textContent = stepLabel(step.name);
      const state = document.createElement("span");
      state.className = "step-state";
      const tokens = (step.tokensIn ?? 0) + (step.tokensOut ?? 0);
      state.textContent = [statusWords[shown], partsDone(step), stepDuration(step), tokens > 0 ? `${tokens.toLocaleString("en-US")} tokens` : ""]
        .filter((part) => part !== "")
        .join(" · ");
      item.append(label, state);
      if (step.summary) {
        const summary = document.createElement("span");
        summary.className = "step-summary";
        summary.textContent = step.summary;
        item.append(summary);
      }
      if (shown === "running") item.setAttribute("aria-current", "step");
      return item;
    }),
  );
}

const dollars = (amount: number, digits: number): string => `$${amount.toFixed(digits)}`;

/** The monthly figure holds the integrations' own fees beside the model's runs; it says so, or it reads as the model's. */
function runningCost(summary: NonNullable<Generation["summary"]>): string {
  const fees = summary.integrationsPerMonthUsd ?? 0;
  const ofWhich = fees >= 0.5 ? `, of which about ${dollars(fees, 0)} is the integrations' own fees` : "";
  return `${dollars(summary.costPerRunUsd, 4)} per run on ${summary.runtimeModel}; about ${dollars(summary.costPerMonthUsd, 2)} a month at ${summary.runsPerMonth} runs${ofWhich}`;
}

/** The finished project's summary as term/description pairs, for a definition list a person scans. */
export function summaryItems(generation: Generation): [string, string][] {
  const summary = generation.summary;
  const items: [string, string][] = [];
  if (summary) {
    items.push(
      ["System", summary.systemName],
      ["Crew", `${summary.agents} agents, ${summary.tasks} tasks, ${summary.integrations} integrations`],
      ["Complexity", summary.complexity],
      ["Running cost (estimate)", runningCost(summary)],
    );
  }
  const cost = generation.cost;
  if (cost && generation.status !== "queued") {
    const tokens = cost.tokensIn + cost.tokensOut;
    const parts = [`${cost.seconds.toFixed(1)} s`];
    if (tokens > 0) parts.push(`${tokens.toLocaleString("en-US")} tokens`);
    if (cost.costUsd !== undefined && cost.costUsd !== null) parts.push(dollars(cost.costUsd, 4));
    items.push(["This generation", parts.join(" · ")]);
  }
  return items;
}

export function renderSummary(list: HTMLDListElement, generation: Generation): void {
  list.replaceChildren(
    ...summaryItems(generation).flatMap(([term, description]) => {
      const dt = document.createElement("dt");
      dt.textContent = term;
      const dd = document.createElement("dd");
      dd.textContent = description;
      return [dt, dd];
    }),
  );
}

export function formatSize(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

interface Folder {
  folders: Map<string, Folder>;
  files: GeneratedFile[];
}

function folderOf(files: GeneratedFile[]): Folder {
  const root: Folder = { folders: new Map(), files: [] };
  for (const file of files) {
    const parts = file.path.split("/");
    let folder = root;
    for (const part of parts.slice(0, -1)) {
      if (!folder.folders.has(part)) folder.folders.set(part, { folders: new Map(), files: [] });
      folder = folder.folders.get(part)!;
    }
    folder.files.push(file);
  }
  return root;
}

function fileItem(file: GeneratedFile, open: (path: string) => void): HTMLLIElement {
  const item = document.createElement("li");
  const button = document.createElement("button");
  button.type = "button";
  button.className = "link-button file-link";
  button.setAttribute("aria-label", `View ${file.path}`);
  button.dataset.path = file.path;
  const name = document.createElement("code");
  name.textContent = file.path.split("/").pop() ?? file.path;
  button.append(name);
  button.addEventListener("click", () => open(file.path));
  const size = document.createElement("span");
  size.className = "size";
  size.textContent = formatSize(file.size);
  item.append(button, size);
  return item;
}

function folderItems(folder: Folder, open: (path: string) => void): HTMLLIElement[] {
  const folders = [...folder.folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, inner]) => {
    const item = document.createElement("li");
    item.className = "folder";
    const details = document.createElement("details");
    details.open = true;
    const summary = document.createElement("summary");
    summary.textContent = `${name}/`;
    const list = document.createElement("ul");
    list.className = "files";
    list.append(...folderItems(inner, open));
    details.append(summary, list);
    item.append(details);
    return item;
  });
  const files = [...folder.files].sort((a, b) => a.path.localeCompare(b.path)).map((file) => fileItem(file, open));
  return [...folders, ...files];
}

/** The project as a tree: folders that open and close, and files that open in the viewer. */
export function renderFiles(list: HTMLUListElement, files: GeneratedFile[], open: (path: string) => void): void {
  list.replaceChildren(...folderItems(folderOf(files), open));
}

const keySourceWords: Record<string, string> = {
  once: "a key for this generation only",
  saved: "your saved key",
  server: "the server's key (self-hosted)",
  platform: "CrewBuilder Pro AI",
  organisation: "your organisation's key",
};

/** The badge beside the progress: how this crew is being designed. */
export function modeLabel(generation: Generation): string {
  if (generation.mode !== "llm") return "Template mode";
  const provider = generation.provider === "anthropic" ? "Anthropic" : "OpenAI";
  const model = generation.model ? ` · ${generation.model}` : "";
  const source = generation.organisation ? `${generation.organisation.name}'s key` : generation.keySource ? keySourceWords[generation.keySource] : null;
  return (source ? `Designed by ${provider} with ${source}` : `Designed by ${provider}`) + model;
}
