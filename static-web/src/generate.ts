import "./styles.css";
import { element } from "./dom";
import { ApiProblem } from "./api";
import { cancelGeneration, rateGeneration, type GenerationSource, startGeneration, type Generation, type ProjectLayout } from "./generations-api";
import { chatSource, setChatBusy, submitLabel, wireClarification } from "./clarify-panel";
import { describeChoices, findCredit, focusKeyProblem, forgetTypedKey, keyRequest, showForecast, showKeyError } from "./key-choice";
import { isKeyProblem } from "./problem-text";
import { renderAccountNav } from "./nav";
import { bringProgressIntoView, follow, hideProgress, sayProgress, showProgress } from "./progress-panel";
import { longPasteWarning, requirementFeedback } from "./requirement";
import { hideResult, showResult } from "./result-panel";
import { showGallery, templateSource } from "./template-gallery";
import { bearerFor, currentSession, generationToken, rememberGenerationToken, takeTokenFromLink } from "./session";

renderAccountNav();
const withoutToken = takeTokenFromLink(location.href);
if (withoutToken) history.replaceState(null, "", withoutToken);

const form = element<HTMLFormElement>("requirement-form");
const requirement = element<HTMLTextAreaElement>("requirement");
const count = element<HTMLParagraphElement>("requirement-count");
const error = element<HTMLParagraphElement>("requirement-error");
const submit = element<HTMLButtonElement>("submit");
const download = element<HTMLButtonElement>("download");
const cancel = element<HTMLButtonElement>("cancel");
const tryAgain = element<HTMLButtonElement>("try-again");
const requestSummary = element<HTMLElement>("request-summary");

function updateCount(): void {
  count.textContent = requirementFeedback(requirement.value).message;
}

function showError(message: string | null): void {
  error.hidden = message === null;
  error.textContent = message ?? "";
  requirement.setAttribute("aria-invalid", String(message !== null));
}

/** While a generation runs, nothing else may start: the form folds to a summary and its other actions are disabled. */
function setBusy(busy: boolean): void {
  submit.disabled = busy;
  setChatBusy(busy);
  for (const chip of element("gallery").querySelectorAll<HTMLButtonElement>("button")) chip.disabled = busy;
  requirement.readOnly = busy;
  submit.textContent = busy ? "Generating…" : submitLabel();
  if (busy) foldForm(true);
}

/** Folds the form to one line with "Edit", or opens it again. */
function foldForm(folded: boolean): void {
  summariseRequest();
  requestSummary.hidden = !folded;
  form.hidden = folded;
}

element<HTMLButtonElement>("edit-request").addEventListener("click", () => {
  foldForm(false);
  requirement.focus();
});

function summariseRequest(): void {
  const text = requirement.value.trim();
  element("request-text").textContent = text.length > 160 ? `${text.slice(0, 160)}…` : text || "the crew below";
}

function show(generation: Generation): void {
  // A result opened again (a reload, a link) brings back what it was asked, for its summary and for Edit.
  if (!requirement.value && generation.requirement) {
    requirement.value = generation.requirement;
    updateCount();
    summariseRequest();
  }
  tryAgain.hidden = generation.status !== "failed" && generation.status !== "cancelled";
  if (generation.status !== "completed") return;
  refineForm.hidden = bearerFor(generation.id) === null;
  for (const star of ratingForm.querySelectorAll<HTMLInputElement>("input[name=stars]")) star.checked = Number(star.value) === generation.rating?.stars;
  element<HTMLInputElement>("rating-comment").value = generation.rating?.comment ?? "";
  download.dataset.generation = generation.id;
  showResult(generation);
}

/** Follows a generation to its end, with the form folded away and every other action held until then. */
async function followToEnd(id: string): Promise<void> {
  setBusy(true);
  const ended = await follow(id, show);
  setBusy(false);
  if (ended === null) foldForm(false);
}

tryAgain.addEventListener("click", () => {
  tryAgain.hidden = true;
  foldForm(false);
  form.requestSubmit();
});

function rememberInUrl(id: string | null): void {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("id", id);
  else url.searchParams.delete("id");
  history.replaceState(null, "", url);
}

/** Whether the requirement can be sent; if not, says why beside it and puts the cursor there. */
function requirementReady(): boolean {
  const feedback = requirementFeedback(requirement.value);
  showError(feedback.valid ? null : feedback.message);
  if (!feedback.valid) requirement.focus();
  return feedback.valid;
}

const chosenLayout = (): ProjectLayout =>
  form.querySelector<HTMLInputElement>('input[name="layout"]:checked')?.value === "json" ? "json" : "classic";

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!source() && !requirementReady()) return;
  showError(null);
  showKeyError(null);
  submit.disabled = true;
  hideResult();
  try {
    const key = await keyRequest();
    if (typeof key === "string") {
      submit.disabled = false;
      showKeyError(key);
      focusKeyProblem();
      return;
    }
    const accepted = await startGeneration(
      requirement.value.trim(),
      currentSession()?.token ?? null,
      fetch,
      key,
      source(),
      chosenLayout(),
    );
    forgetTypedKey();
    if (accepted.accessToken) rememberGenerationToken(accepted.id, accepted.accessToken);
    if (key.credit) void findCredit();
    rememberInUrl(accepted.id);
    sayProgress("Generation accepted; starting…");
    bringProgressIntoView();
    await followToEnd(accepted.id);
  } catch (problem) {
    setBusy(false);
    foldForm(false);
    if (problem instanceof ApiProblem && isKeyProblem(problem)) showKeyError(problem.explanation);
    else showError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder. Is the server running?");
  }
});

requirement.addEventListener("input", (event) => {
  updateCount();
  const warning = (event as InputEvent).inputType === "insertFromPaste" ? longPasteWarning(requirement.value) : null;
  if (warning) showError(warning);
  else if (!error.hidden && requirementFeedback(requirement.value).valid) showError(null);
});

/** Where the requirement comes from: the chat, an untouched template (with its hints), or the text itself. */
function source(): GenerationSource | undefined {
  return chatSource() ?? templateSource(requirement.value);
}

const ratingForm = element<HTMLFormElement>("rating-form");
const refineForm = element<HTMLFormElement>("refine-form");

ratingForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const id = download.dataset.generation;
  const stars = Number((ratingForm.elements.namedItem("stars") as RadioNodeList).value);
  const status = element<HTMLSpanElement>("rating-status");
  if (!id || !stars) {
    status.textContent = "Choose 1 to 5 stars first.";
    return;
  }
  try {
    await rateGeneration(id, stars, element<HTMLInputElement>("rating-comment").value.trim(), bearerFor(id));
    status.textContent = `Thanks: you gave it ${stars} star${stars === 1 ? "" : "s"}.`;
  } catch (problem) {
    status.textContent = problem instanceof ApiProblem ? problem.explanation : "The rating did not reach CrewBuilder; please try again.";
  }
});

refineForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const parentId = download.dataset.generation;
  const instruction = element<HTMLTextAreaElement>("refine-instruction").value.trim();
  const status = element<HTMLSpanElement>("refine-status");
  if (!parentId || !instruction) {
    status.textContent = "Say what should change first.";
    return;
  }
  try {
    const key = await keyRequest();
    if (typeof key === "string") {
      status.textContent = key;
      return;
    }
    // A crew made without an account is refined as it was made, by the holder of its access token, signed in or not.
    const parentToken = generationToken(parentId) ?? undefined;
    const bearer = parentToken ? null : (currentSession()?.token ?? null);
    const accepted = await startGeneration("", bearer, fetch, key, { parentId, instruction, parentToken }, chosenLayout());
    if (accepted.accessToken) rememberGenerationToken(accepted.id, accepted.accessToken);
    rememberInUrl(accepted.id);
    hideResult();
    bringProgressIntoView();
    await followToEnd(accepted.id);
  } catch (problem) {
    status.textContent = problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder; please try again.";
  }
});

void showGallery(() => {
  updateCount();
  void showForecast();
  requirement.focus();
});

cancel.addEventListener("click", async () => {
  const id = cancel.dataset.generation;
  if (!id) return;
  cancel.disabled = true;
  try {
    const cancelled = await cancelGeneration(id, bearerFor(id));
    showProgress(cancelled);
    show(cancelled);
  } catch (problem) {
    sayProgress(problem instanceof ApiProblem ? problem.explanation : "The generation could not be cancelled; please try again.");
  } finally {
    cancel.disabled = false;
  }
});

element<HTMLButtonElement>("again").addEventListener("click", () => {
  rememberInUrl(null);
  hideResult();
  hideProgress();
  foldForm(false);
  requirement.value = "";
  updateCount();
  requirement.focus();
});

wireClarification(requirementReady, showError);
// A "Try: …" example elsewhere on the site links here with its text; it fills the box once, then leaves the address.
const example = new URLSearchParams(location.search).get("example");
if (example && !requirement.value) {
  requirement.value = example;
  const url = new URL(location.href);
  url.searchParams.delete("example");
  history.replaceState(null, "", url);
  requirement.focus();
}
updateCount();
const backFromCheckout = new URLSearchParams(location.search).get("purchase") === "complete";
if (backFromCheckout) {
  const url = new URL(location.href);
  url.searchParams.delete("purchase");
  history.replaceState(null, "", url);
}
void describeChoices().then(() => findCredit(backFromCheckout));
const resumeId = new URLSearchParams(window.location.search).get("id");
if (resumeId) void followToEnd(resumeId);
