import "./styles.css";
import { element } from "./dom";
import { ApiProblem, downloadArtifact, getAuthConfig, getGeneration, startGeneration, statusUrl, type Generation, type KeyRequest } from "./api";
import { encryptKey, getEncryptionKey, keyProblem, listKeys, providerNames, type Provider } from "./keys";
import { describe, isFinished, modeLabel, renderFiles, renderSteps } from "./progress";
import { renderAccountNav } from "./nav";
import { requirementFeedback } from "./requirement";
import { bearerFor, currentSession, rememberGenerationToken } from "./session";

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
  submit.textContent = busy ? "Generating…" : "Generate crew";
}

function show(generation: Generation): void {
  progressSection.hidden = false;
  progressTitle.textContent = generation.status === "completed" ? "Crew built" : generation.status === "failed" ? "Generation failed" : "Building your crew";
  progressBar.value = generation.progress;
  progressBar.textContent = `${generation.progress}%`;
  statusMessage.textContent = describe(generation);
  mode.hidden = false;
  mode.textContent = modeLabel(generation);
  renderSteps(steps, generation.steps);

  if (generation.status === "completed") {
    result.hidden = false;
    download.dataset.generation = generation.id;
    renderFiles(files, generation.files);
    modeNote.hidden = generation.mode !== "template";
    modeNote.textContent =
      "Made in template mode: no AI key was available, so CrewBuilder designed this crew from the words of your " +
      "requirement. Review the agents and tasks before you rely on them.";
    resultTitle.focus();
  }
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
      if (problem instanceof ApiProblem && problem.status === 404) {
        statusMessage.textContent = "This generation no longer exists. Start a new one.";
        setBusy(false);
        return;
      }
      statusMessage.textContent = "Lost contact with the server; retrying…";
      delay = Math.min(delay * 2, MAX_RETRY_DELAY_MS);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
}

function rememberInUrl(id: string | null): void {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set("id", id);
  else url.searchParams.delete("id");
  history.replaceState(null, "", url);
}

const onceKey = element<HTMLDivElement>("once-key");
const onceProvider = element<HTMLSelectElement>("once-provider");
const onceKeyInput = element<HTMLInputElement>("once-key-input");
const usesOnceKey = (): boolean => (form.elements.namedItem("keyChoice") as RadioNodeList).value === "once";
for (const radio of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice]")) {
  radio.addEventListener("change", () => {
    onceKey.hidden = !usesOnceKey();
  });
}

/** What "Automatic" will use, in the order the server applies: a saved key, the server's own key, else template mode. */
async function describeAutomatic(): Promise<void> {
  const session = currentSession();
  const saved = session ? (await listKeys(session.token).catch(() => ({ items: [] }))).items : [];
  const config = await getAuthConfig().catch(() => ({ serverKeyProviders: [] as string[] }));
  const label = element<HTMLSpanElement>("auto-label");
  if (saved.length > 0) label.textContent = `My saved ${providerNames[saved[0].provider]} key`;
  else if (config.serverKeyProviders.length > 0) label.textContent = `Using the server's key (self-hosted, ${providerNames[config.serverKeyProviders[0] as Provider]})`;
  else label.textContent = "Template mode (no AI key): designed from the words of your requirement";
}

async function keyRequest(): Promise<KeyRequest | string> {
  if (!usesOnceKey()) return {};
  const provider = onceProvider.value as Provider;
  const key = onceKeyInput.value.trim();
  const problem = keyProblem(provider, key);
  if (problem) return problem;
  return { keySource: "once", provider, encryptedKey: await encryptKey(key, await getEncryptionKey()) };
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const feedback = requirementFeedback(requirement.value);
  if (!feedback.valid) {
    showError(feedback.message);
    requirement.focus();
    return;
  }
  showError(null);
  setBusy(true);
  result.hidden = true;
  try {
    const key = await keyRequest();
    if (typeof key === "string") {
      setBusy(false);
      showError(key);
      onceKeyInput.focus();
      return;
    }
    onceKeyInput.value = "";
    const accepted = await startGeneration(requirement.value.trim(), currentSession()?.token ?? null, fetch, key);
    if (accepted.accessToken) rememberGenerationToken(accepted.id, accepted.accessToken);
    rememberInUrl(accepted.id);
    statusMessage.textContent = "Generation accepted; starting…";
    progressSection.hidden = false;
    await follow(accepted.id);
  } catch (problem) {
    setBusy(false);
    showError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder. Is the server running?");
  }
});

requirement.addEventListener("input", () => {
  updateCount();
  if (!error.hidden && requirementFeedback(requirement.value).valid) showError(null);
});

for (const chip of document.querySelectorAll<HTMLButtonElement>("[data-example]")) {
  chip.addEventListener("click", () => {
    requirement.value = chip.dataset.example ?? "";
    updateCount();
    requirement.focus();
  });
}

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
void describeAutomatic();
const resumeId = new URLSearchParams(window.location.search).get("id");
if (resumeId) {
  setBusy(true);
  void follow(resumeId);
}
