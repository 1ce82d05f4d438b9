import "./styles.css";
import { element } from "./dom";
import { ApiProblem, answerClarification, cancelGeneration, forecastGeneration, listTemplates, rateGeneration, saveTemplateFrom, startClarification, type Clarification, type CrewTemplate, type GenerationSource, downloadArtifact, getAuthConfig, getGeneration, headers, startGeneration, statusUrl, type Generation, type KeyRequest } from "./api";
import { encryptKey, getEncryptionKey, keyProblem, listKeys, providerNames, saveKey, type Provider } from "./keys";
import { renderChat, renderRefined } from "./chat";
import { renderHighlighted } from "./highlight";
import { describe, isFinished, modeLabel, renderFiles, renderSteps, renderSummary } from "./progress";
import { renderAccountNav } from "./nav";
import { requirementFeedback } from "./requirement";
import { bearerFor, currentSession, generationToken, rememberGenerationToken } from "./session";
import { buyGenerations, getUsage, rememberCredit, spendableCredit } from "./billing-api";
import { listOrgs } from "./orgs-api";

const POLL_INTERVAL_MS = 800;
const MAX_RETRY_DELAY_MS = 5000;

renderAccountNav();

const form = element<HTMLFormElement>("requirement-form");
const requirement = element<HTMLTextAreaElement>("requirement");
const count = element<HTMLParagraphElement>("requirement-count");
const error = element<HTMLParagraphElement>("requirement-error");
const submit = element<HTMLButtonElement>("submit");
const progressSection = element<HTMLElement>("progress");
const progressTitle = element<HTMLHeadingElement>("progress-title");
const progressBar = element<HTMLProgressElement>("progress-bar");
const statusMessage = element<HTMLParagraphElement>("status-message");
const mode = element<HTMLSpanElement>("mode");
const steps = element<HTMLOListElement>("steps");
const result = element<HTMLElement>("result");
const resultTitle = element<HTMLHeadingElement>("result-title");
const modeNote = element<HTMLParagraphElement>("mode-note");
const download = element<HTMLButtonElement>("download");
const files = element<HTMLUListElement>("files");
const cancel = element<HTMLButtonElement>("cancel");
const openReview = element<HTMLButtonElement>("open-review");
const openFeasibility = element<HTMLButtonElement>("open-feasibility");
const summary = element<HTMLDListElement>("summary");

function updateCount(): void {
  count.textContent = requirementFeedback(requirement.value).message;
}

function showError(message: string | null): void {
  error.hidden = message === null;
  error.textContent = message ?? "";
  requirement.setAttribute("aria-invalid", String(message !== null));
}

function setBusy(busy: boolean): void {
  submit.disabled = busy;
  requirement.readOnly = busy;
  submit.textContent = busy ? "Generating…" : chat ? "Generate crew with these answers" : "Generate crew";
}

function show(generation: Generation): void {
  progressSection.hidden = false;
  const titles: Partial<Record<Generation["status"], string>> = { completed: "Crew built", failed: "Generation failed", cancelled: "Generation cancelled" };
  progressTitle.textContent = titles[generation.status] ?? "Building your crew";
  progressBar.hidden = false;
  progressBar.value = generation.progress;
  progressBar.textContent = `${generation.progress}%`;
  statusMessage.textContent = describe(generation);
  mode.hidden = false;
  mode.textContent = modeLabel(generation);
  renderSteps(steps, generation.steps);
  cancel.hidden = isFinished(generation);
  cancel.dataset.generation = generation.id;

  if (generation.status === "completed") {
    result.hidden = false;
    refineForm.hidden = bearerFor(generation.id) === null;
    element<HTMLParagraphElement>("parent-note").hidden = !generation.parentId;
    if (generation.parentId) element<HTMLAnchorElement>("parent-link").href = `/generate?id=${encodeURIComponent(generation.parentId)}`;
    for (const star of ratingForm.querySelectorAll<HTMLInputElement>("input[name=stars]")) star.checked = Number(star.value) === generation.rating?.stars;
    element<HTMLInputElement>("rating-comment").value = generation.rating?.comment ?? "";
    download.dataset.generation = generation.id;
    renderSummary(summary, generation);
    renderFiles(files, generation.files, (path) => void viewFile(generation.id, path));
    for (const [button, path] of [[openReview, "REVIEW.md"], [openFeasibility, "FEASIBILITY.md"]] as const) {
      button.hidden = !generation.files.some((file) => file.path === path);
      button.onclick = () => void viewFile(generation.id, path);
    }
    modeNote.hidden = generation.mode !== "template";
    modeNote.textContent =
      "Made in template mode: no AI key was available, so CrewBuilder designed this crew from the words of your " +
      "requirement. Review the agents and tasks before you rely on them.";
    resultTitle.focus();
  }
}

/** Shows one generated file's text in the viewer, read with the same credentials as the generation. */
async function viewFile(id: string, path: string): Promise<void> {
  const viewer = element<HTMLDivElement>("viewer");
  const title = element<HTMLHeadingElement>("viewer-title");
  const content = element<HTMLElement>("viewer-content");
  viewer.hidden = false;
  title.textContent = path;
  content.textContent = "Loading…";
  try {
    const response = await fetch(`${statusUrl(id)}/files/${path.split("/").map(encodeURIComponent).join("/")}`, { headers: headers(bearerFor(id)) });
    if (response.ok) renderHighlighted(content, await response.text(), path);
    else content.textContent = "This file could not be loaded.";
  } catch {
    content.textContent = "This file could not be loaded.";
  }
  title.focus();
}

async function follow(id: string): Promise<void> {
  let delay = POLL_INTERVAL_MS;
  for (;;) {
    try {
      const generation = await getGeneration(statusUrl(id), bearerFor(id));
      show(generation);
      if (isFinished(generation)) {
        setBusy(false);
        return;
      }
      delay = POLL_INTERVAL_MS;
    } catch (problem) {
      if (problem instanceof ApiProblem && [401, 403, 404].includes(problem.status)) {
        progressSection.hidden = false;
        progressTitle.textContent = "This generation cannot be opened here";
        progressBar.hidden = true;
        statusMessage.textContent = unreadable(id);
        setBusy(false);
        return;
      }
      progressSection.hidden = false;
      statusMessage.textContent = "Lost contact with the server; retrying…";
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

/** Why a generation cannot be shown here, and what would show it. */
function unreadable(id: string): string {
  if (bearerFor(id) !== null) return "This generation does not exist, or it is not yours. Start a new one.";
  return "This generation was started without an account, so only the browser that started it can open it. Sign in if it is yours, or start a new one.";
}

function rememberInUrl(id: string | null): void {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("id", id);
  else url.searchParams.delete("id");
  history.replaceState(null, "", url);
}

const ownKeyPanel = element<HTMLDivElement>("own-key");
const ownKeyInput = element<HTMLInputElement>("own-key-input");
const onceOnly = element<HTMLInputElement>("once-only");
const savedChoice = element<HTMLLabelElement>("saved-choice");
const savedProvider = element<HTMLSelectElement>("saved-provider");
const buyPanel = element<HTMLDivElement>("buy-panel");
const creditStatus = element<HTMLParagraphElement>("credit-status");
const buyButton = element<HTMLButtonElement>("buy-generation");
const keyChoice = (): string => (form.elements.namedItem("keyChoice") as RadioNodeList).value;
/** The paid generation this browser will spend, when CrewBuilder Pro AI is chosen. */
let credit: string | null = null;
/** Whether the signed-in person's plan includes CrewBuilder Pro AI. */
let planIncludesPro = false;
/** The provider of the organisation key a member may generate with, if any. */
let organisationProvider: Provider | null = null;
/** The label CrewBuilder Pro AI has without a paid generation: its price, or the plan that includes it. */
let platformLabel = "CrewBuilder Pro AI ($5)";

/** Shows the panel that belongs to the chosen source: Stripe for Pro AI not yet paid for, the saved keys, or a key field. */
function showChoicePanels(): void {
  const choice = keyChoice();
  const ownProvider = choice === "openai" || choice === "anthropic" ? (choice as Provider) : null;
  ownKeyPanel.hidden = ownProvider === null;
  if (ownProvider) element<HTMLLabelElement>("own-key-label").textContent = `${providerNames[ownProvider]} key`;
  element<HTMLDivElement>("saved-panel").hidden = choice !== "saved" || savedProvider.options.length < 2;
  buyPanel.hidden = choice !== "platform" || credit !== null || planIncludesPro;
  element<HTMLDivElement>("model-panel").hidden = !["openai", "anthropic", "saved", "organisation"].includes(choice);
  element<HTMLParagraphElement>("once-hint").textContent = onceOnly.checked
    ? "Encrypted in your browser, used for this generation, then deleted. Never stored."
    : "Encrypted in your browser and saved to your account (Settings), then used for this generation.";
}

for (const input of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice], #once-only")) {
  input.addEventListener("change", showChoicePanels);
}

function choose(value: string): void {
  form.querySelector<HTMLInputElement>(`input[name=keyChoice][value=${value}]`)!.checked = true;
  showChoicePanels();
}

/** A paid generation kept in this browser; back from Checkout, wait a little for Stripe to confirm the payment. */
async function findCredit(fromCheckout = false): Promise<void> {
  let found = await spendableCredit();
  for (let attempt = 0; fromCheckout && attempt < 15 && found?.credit.state === "pending"; attempt++) {
    creditStatus.hidden = false;
    creditStatus.textContent = "Confirming your payment with Stripe…";
    await new Promise((resolve) => setTimeout(resolve, 700));
    found = await spendableCredit();
  }
  credit = found?.credit.state === "paid" ? found.claim : null;
  creditStatus.hidden = !credit && !fromCheckout;
  const label = element<HTMLSpanElement>("platform-label");
  if (credit && found) {
    const left = found.credit.remaining;
    creditStatus.textContent = `Payment received: ${left} CrewBuilder Pro AI generation${left === 1 ? "" : "s"} ready to use.`;
    label.textContent = `CrewBuilder Pro AI (paid generation, ${left} left)`;
    choose("platform");
  } else {
    label.textContent = platformLabel;
    if (fromCheckout) creditStatus.textContent = "Stripe has not confirmed your payment yet. Reload this page in a minute.";
    else if (keyChoice() === "platform" && !planIncludesPro) choose("auto");
  }
  showChoicePanels();
}

buyButton.addEventListener("click", async () => {
  buyButton.disabled = true;
  try {
    const redirect = await buyGenerations(currentSession()?.token ?? null, 1);
    if (redirect.credit) rememberCredit(redirect.credit);
    location.assign(redirect.url);
  } catch (problem) {
    buyButton.disabled = false;
    showError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder; please try again.");
  }
});

/**
 * Fills in what each choice means for this visitor, and what "Automatic" will use, in the order the server applies:
 * a saved key, CrewBuilder Pro AI with a plan, the server's own key, else template mode.
 */
async function describeChoices(): Promise<void> {
  const session = currentSession();
  const saved = session ? (await listKeys(session.token).catch(() => ({ items: [] }))).items : [];
  const usage = session ? await getUsage(session.token).catch(() => null) : null;
  const config = await getAuthConfig().catch(() => ({ serverKeyProviders: [] as string[] }));
  const orgs = session ? (await listOrgs(session.token).catch(() => ({ items: [] }))).items : [];
  const keyed = orgs.find((org) => org.role !== "auditor" && (org.keyProviders?.length ?? 0) > 0);
  organisationProvider = keyed?.keyProviders?.[0] ?? null;
  element<HTMLLabelElement>("org-choice").hidden = keyed === undefined;
  if (keyed && organisationProvider) element<HTMLSpanElement>("org-label").textContent = `My organisation's key (${keyed.name}, ${providerNames[organisationProvider]})`;
  planIncludesPro = usage !== null && usage.plan !== "free";
  if (planIncludesPro) platformLabel = `CrewBuilder Pro AI (included in your ${usage?.planName} plan)`;
  element<HTMLSpanElement>("platform-label").textContent = platformLabel;
  savedChoice.hidden = saved.length === 0;
  savedProvider.replaceChildren(...saved.map((key) => new Option(`${providerNames[key.provider]} (${key.masked})`, key.provider)));
  element<HTMLSpanElement>("saved-label").textContent = saved.length === 1 ? `My saved ${providerNames[saved[0].provider]} key` : "My saved key";
  onceOnly.parentElement!.hidden = !session;
  const label = element<HTMLSpanElement>("auto-label");
  if (saved.length > 0) label.textContent = `Automatic: my saved ${providerNames[saved[0].provider]} key`;
  else if (keyed && organisationProvider) label.textContent = `Automatic: ${keyed.name}'s ${providerNames[organisationProvider]} key`;
  else if (planIncludesPro) label.textContent = `Automatic: ${platformLabel}`;
  else if (config.serverKeyProviders.length > 0) label.textContent = `Using the server's key (self-hosted, ${providerNames[config.serverKeyProviders[0] as Provider]})`;
  else label.textContent = "Template mode (no AI key): designed from the words of your requirement";
  showChoicePanels();
}

/** The key part of the request, with the model named for one's own key; a sentence to show instead when it cannot be made. */
async function keyRequest(): Promise<KeyRequest | string> {
  const key = await keySourceRequest();
  const model = element<HTMLInputElement>("model").value.trim();
  return typeof key === "string" || !model || element<HTMLDivElement>("model-panel").hidden ? key : { ...key, model };
}

async function keySourceRequest(): Promise<KeyRequest | string> {
  const choice = keyChoice();
  if (choice === "platform") {
    if (credit) return { keySource: "platform", credit };
    return planIncludesPro ? { keySource: "platform" } : "Pay for the generation first: CrewBuilder Pro AI costs $5 (Pay $5 with Stripe).";
  }
  if (choice === "saved") return { keySource: "saved", provider: savedProvider.value as Provider };
  if (choice === "organisation") return { keySource: "organisation", provider: organisationProvider ?? undefined };
  if (choice !== "openai" && choice !== "anthropic") return {};
  const provider = choice as Provider;
  const key = ownKeyInput.value.trim();
  const problem = keyProblem(provider, key);
  if (problem) return problem;
  const session = currentSession();
  if (session && !onceOnly.checked) {
    await saveKey(session.token, provider, key);
    return { keySource: "saved", provider };
  }
  return { keySource: "once", provider, encryptedKey: await encryptKey(key, await getEncryptionKey()) };
}

/** Whether the requirement can be sent; if not, says why beside it and puts the cursor there. */
function requirementReady(): boolean {
  const feedback = requirementFeedback(requirement.value);
  showError(feedback.valid ? null : feedback.message);
  if (!feedback.valid) requirement.focus();
  return feedback.valid;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!source() && !requirementReady()) return;
  showError(null);
  setBusy(true);
  result.hidden = true;
  try {
    const key = await keyRequest();
    if (typeof key === "string") {
      setBusy(false);
      showError(key);
      (keyChoice() === "platform" ? buyButton : ownKeyInput).focus();
      return;
    }
    ownKeyInput.value = "";
    const accepted = await startGeneration(
      requirement.value.trim(),
      currentSession()?.token ?? null,
      fetch,
      key,
      source(),
    );
    if (accepted.accessToken) rememberGenerationToken(accepted.id, accepted.accessToken);
    if (key.credit) void findCredit();
    rememberInUrl(accepted.id);
    statusMessage.textContent = "Generation accepted; starting…";
    progressSection.hidden = false;
    await follow(accepted.id);
  } catch (problem) {
    setBusy(false);
    showError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder. Is the server running?");
  }
});

// The clarification chat: optional questions before generating; the generation is then given the chat.
let chat: Clarification | null = null;
let chatToken: string | null = null;
const chatSection = element<HTMLElement>("chat");
const chatLog = element<HTMLOListElement>("chat-log");
const chatForm = element<HTMLFormElement>("chat-form");
const chatAnswer = element<HTMLTextAreaElement>("chat-answer");
const chatError = element<HTMLParagraphElement>("chat-error");
const chatSend = element<HTMLButtonElement>("chat-send");
const clarifyButton = element<HTMLButtonElement>("clarify");

function showChat(current: Clarification): void {
  chat = current;
  chatSection.hidden = false;
  renderChat(chatLog, current.messages);
  const ready = current.status === "ready";
  chatForm.hidden = ready;
  element<HTMLDivElement>("chat-refined").hidden = !ready;
  if (ready && current.refined) renderRefined(element<HTMLDivElement>("chat-refined-body"), current.refined);
  submit.textContent = "Generate crew with these answers";
}

function showChatError(message: string | null): void {
  chatError.hidden = message === null;
  chatError.textContent = message ?? "";
}

clarifyButton.addEventListener("click", async () => {
  if (!requirementReady()) return;
  clarifyButton.disabled = true;
  try {
    const started = await startClarification(requirement.value.trim(), currentSession()?.token ?? null);
    chatToken = started.accessToken ?? null;
    requirement.readOnly = true;
    clarifyButton.hidden = true;
    showChat(started);
    chatAnswer.focus();
  } catch (problem) {
    showError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder. Is the server running?");
  } finally {
    clarifyButton.disabled = false;
  }
});

chatForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!chat) return;
  const answer = chatAnswer.value.trim();
  if (!answer) {
    showChatError("Write an answer first, or generate now.");
    chatAnswer.focus();
    return;
  }
  showChatError(null);
  chatSend.disabled = true;
  try {
    showChat(await answerClarification(chat.id, answer, chatToken ?? currentSession()?.token ?? null));
    chatAnswer.value = "";
    (chat?.status === "ready" ? submit : chatAnswer).focus();
  } catch (problem) {
    showChatError(problem instanceof ApiProblem ? problem.explanation : "Your answer did not reach CrewBuilder; please send it again.");
  } finally {
    chatSend.disabled = false;
  }
});

requirement.addEventListener("input", () => {
  updateCount();
  if (!error.hidden && requirementFeedback(requirement.value).valid) showError(null);
});

/** The template whose requirement fills the box, while the text is still the template's. */
let template: CrewTemplate | null = null;

/** Where the requirement comes from: the chat, an untouched template (with its hints), or the text itself. */
function source(): GenerationSource | undefined {
  if (chat) return { clarificationId: chat.id, clarificationToken: chatToken ?? undefined };
  if (template && requirement.value.trim() === template.requirement.trim()) return { templateId: template.id };
  return undefined;
}

async function showGallery(): Promise<void> {
  const gallery = element<HTMLDivElement>("gallery");
  const list = await listTemplates(currentSession()?.token ?? null).catch(() => null);
  if (!list) return;
  for (const item of [...list.builtIn, ...list.custom]) {
    const chip = document.createElement("button");
    chip.type = "button";
    chip.className = item.builtIn ? "chip" : "chip chip-own";
    chip.textContent = item.name;
    chip.title = item.description || item.requirement;
    chip.addEventListener("click", () => {
      template = item;
      requirement.value = item.requirement;
      updateCount();
      void showForecast();
      requirement.focus();
    });
    gallery.append(chip);
  }
  saveTemplateButton.hidden = !list.customAllowed;
}

const forecastLine = element<HTMLParagraphElement>("forecast");
let forecastTimer: ReturnType<typeof setTimeout> | undefined;

/** Before a generation on a model: what it is expected to spend, from the requirement's size. */
async function showForecast(): Promise<void> {
  const choice = keyChoice();
  const provider = choice === "anthropic" || (choice === "saved" && savedProvider.value === "anthropic") ? "anthropic" : "openai";
  const text = requirement.value.trim();
  if (choice === "auto" || !requirementFeedback(text).valid) {
    forecastLine.hidden = true;
    return;
  }
  const forecast = await forecastGeneration(text, provider).catch(() => null);
  if (!forecast) return;
  const tokens = (forecast.inputTokens + forecast.outputTokens).toLocaleString("en-US");
  const price = forecast.costUsd !== undefined && forecast.costUsd !== null ? `, about $${forecast.costUsd.toFixed(2)}` : "";
  forecastLine.textContent = `This generation will use roughly ${tokens} tokens${price} (${forecast.standardModel}, with ${forecast.advancedModel} for architecture and review).`;
  forecastLine.hidden = false;
}

function scheduleForecast(): void {
  clearTimeout(forecastTimer);
  forecastTimer = setTimeout(() => void showForecast(), 400);
}

for (const input of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice]")) input.addEventListener("change", scheduleForecast);
requirement.addEventListener("input", scheduleForecast);

const ratingForm = element<HTMLFormElement>("rating-form");
const refineForm = element<HTMLFormElement>("refine-form");
const saveTemplateButton = element<HTMLButtonElement>("save-template");

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
    const session = currentSession();
    const parentToken = session ? undefined : (generationToken(parentId) ?? undefined);
    const accepted = await startGeneration("", session?.token ?? null, fetch, key, { parentId, instruction, parentToken });
    if (accepted.accessToken) rememberGenerationToken(accepted.id, accepted.accessToken);
    rememberInUrl(accepted.id);
    result.hidden = true;
    setBusy(true);
    await follow(accepted.id);
  } catch (problem) {
    status.textContent = problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder; please try again.";
  }
});

saveTemplateButton.addEventListener("click", async () => {
  const id = download.dataset.generation;
  const session = currentSession();
  const name = window.prompt("Name this template");
  if (!id || !session || !name?.trim()) return;
  const status = element<HTMLSpanElement>("refine-status");
  try {
    const saved = await saveTemplateFrom(id, name.trim(), session.token);
    status.textContent = `Saved as the template “${saved.name}”.`;
  } catch (problem) {
    status.textContent = problem instanceof ApiProblem ? problem.explanation : "The template was not saved; please try again.";
  }
});

void showGallery();

cancel.addEventListener("click", async () => {
  const id = cancel.dataset.generation;
  if (!id) return;
  cancel.disabled = true;
  try {
    show(await cancelGeneration(id, bearerFor(id)));
  } catch (problem) {
    statusMessage.textContent = problem instanceof ApiProblem ? problem.explanation : "The generation could not be cancelled; please try again.";
  } finally {
    cancel.disabled = false;
  }
});

download.addEventListener("click", async () => {
  const id = download.dataset.generation;
  if (!id) return;
  download.disabled = true;
  try {
    const { blob, fileName } = await downloadArtifact(id, bearerFor(id));
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = fileName;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  } catch (problem) {
    statusMessage.textContent = problem instanceof ApiProblem ? problem.explanation : "The download failed; please try again.";
  } finally {
    download.disabled = false;
  }
});

element<HTMLButtonElement>("again").addEventListener("click", () => {
  rememberInUrl(null);
  result.hidden = true;
  progressSection.hidden = true;
  requirement.value = "";
  updateCount();
  requirement.focus();
});

resultTitle.tabIndex = -1;
updateCount();
const backFromCheckout = new URLSearchParams(location.search).get("purchase") === "complete";
if (backFromCheckout) {
  const url = new URL(location.href);
  url.searchParams.delete("purchase");
  history.replaceState(null, "", url);
}
void describeChoices().then(() => findCredit(backFromCheckout));
const resumeId = new URLSearchParams(window.location.search).get("id");
if (resumeId) {
  setBusy(true);
  void follow(resumeId);
}
