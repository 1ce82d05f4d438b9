import { ApiProblem } from "./api";
import { getGeneration, statusUrl, type Generation } from "./generations-api";
import { element } from "./dom";
import { describe, isFinished, modeLabel, renderSteps, timeLeft } from "./progress";
import { bearerFor } from "./session";

const POLL_INTERVAL_MS = 800;
const MAX_RETRY_DELAY_MS = 5000;

const section = element<HTMLElement>("progress");
const title = element<HTMLHeadingElement>("progress-title");
const bar = element<HTMLProgressElement>("progress-bar");
const statusMessage = element<HTMLParagraphElement>("status-message");
const clock = element<HTMLParagraphElement>("progress-clock");
const mode = element<HTMLSpanElement>("mode");
const steps = element<HTMLOListElement>("steps");
const cancel = element<HTMLButtonElement>("cancel");

/** The generation being followed, for the clock that ticks between polls. */
let current: Generation | null = null;
let ticker: ReturnType<typeof setInterval> | undefined;

const minutesAndSeconds = (ms: number): string => {
  const seconds = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
};

function tick(): void {
  if (!current) return;
  const end = current.completedAt ? Date.parse(current.completedAt) : Date.now();
  const elapsed = `Elapsed ${minutesAndSeconds(end - Date.parse(current.createdAt))}`;
  const left = isFinished(current) ? null : timeLeft(current.steps);
  clock.textContent = left === null ? elapsed : `${elapsed} · ${left}`;
}

/** Says a line in the panel, e.g. while the generation is being accepted. */
export function sayProgress(message: string): void {
  section.hidden = false;
  statusMessage.textContent = message;
}

/** Opens the panel and scrolls it into view, so that a phone shows the progress and not a greyed button. */
export function bringProgressIntoView(): void {
  section.hidden = false;
  section.scrollIntoView({ block: "start", behavior: matchMedia("(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth" });
}

export function showProgress(generation: Generation): void {
  current = generation;
  section.hidden = false;
  const titles: Partial<Record<Generation["status"], string>> = { completed: "Crew built", failed: "Generation failed", cancelled: "Generation cancelled" };
  title.textContent = titles[generation.status] ?? "Building your crew";
  bar.hidden = false;
  // Until the first step ends there is no share done to show: the bar moves without a value instead of sitting at 0 %.
  if (generation.progress === 0 && !isFinished(generation)) bar.removeAttribute("value");
  else bar.value = generation.progress;
  bar.textContent = `${generation.progress}%`;
  statusMessage.textContent = describe(generation);
  mode.hidden = false;
  mode.textContent = modeLabel(generation);
  renderSteps(steps, generation.steps, generation.status);
  cancel.hidden = isFinished(generation);
  cancel.dataset.generation = generation.id;
  clock.hidden = false;
  tick();
  clearInterval(ticker);
  if (!isFinished(generation)) ticker = setInterval(tick, 1000);
}

/** Why a generation cannot be shown here, and what would show it. */
function unreadable(id: string): string {
  if (bearerFor(id) !== null) return "This generation does not exist, or it is not yours. Start a new one.";
  return "This generation was started without an account, so only the browser that started it can open it. Sign in if it is yours, or start a new one.";
}

/**
 * Polls the generation until it ends, showing each state and handing it to <paramref name="onChange"/>; an id this
 * browser cannot read ends with a message saying why.
 */
export async function follow(id: string, onChange: (generation: Generation) => void): Promise<Generation | null> {
  let delay = POLL_INTERVAL_MS;
  for (;;) {
    try {
      const generation = await getGeneration(statusUrl(id), bearerFor(id));
      showProgress(generation);
      onChange(generation);
      if (isFinished(generation)) return generation;
      delay = POLL_INTERVAL_MS;
    } catch (problem) {
      if (problem instanceof ApiProblem && [401, 403, 404].includes(problem.status)) {
        section.hidden = false;
        title.textContent = "This generation cannot be opened here";
        bar.hidden = true;
        clock.hidden = true;
        statusMessage.textContent = unreadable(id);
        return null;
      }
      sayProgress("Lost contact with the server; retrying…");
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

export function hideProgress(): void {
  section.hidden = true;
  clearInterval(ticker);
  current = null;
}
