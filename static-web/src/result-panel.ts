import { ApiProblem } from "./api";
import { downloadArtifact, type Generation } from "./generations-api";
import { element } from "./dom";
import { resetViewer, viewFile } from "./file-viewer";
import { renderFiles, renderSummary } from "./progress";
import { sayProgress } from "./progress-panel";
import { bearerFor, generationToken, resultLink } from "./session";

/** The finished crew: its summary, the file tree and viewer, and the link that opens it elsewhere. */

const result = element<HTMLElement>("result");
const resultTitle = element<HTMLHeadingElement>("result-title");
const copyLink = element<HTMLButtonElement>("copy-link");
const copyStatus = element<HTMLParagraphElement>("copy-link-status");

export function showResult(generation: Generation): void {
  result.hidden = false;
  element<HTMLParagraphElement>("parent-note").hidden = !generation.parentId;
  if (generation.parentId) element<HTMLAnchorElement>("parent-link").href = `/generate?id=${encodeURIComponent(generation.parentId)}`;
  renderSummary(element<HTMLDListElement>("summary"), generation);
  renderFiles(element<HTMLUListElement>("files"), generation.files, (path) => void viewFile(generation.id, path));
  resetViewer();
  for (const [id, path] of [["open-review", "REVIEW.md"], ["open-feasibility", "FEASIBILITY.md"]] as const) {
    const button = element<HTMLButtonElement>(id);
    button.hidden = !generation.files.some((file) => file.path === path);
    button.onclick = () => void viewFile(generation.id, path);
  }
  const modeNote = element<HTMLParagraphElement>("mode-note");
  modeNote.hidden = generation.mode !== "template";
  modeNote.textContent =
    "Made in template mode: no AI key was available, so CrewBuilder designed this crew from the words of your " +
    "requirement. Review the agents and tasks before you rely on them.";
  copyLink.dataset.generation = generation.id;
  copyStatus.textContent = "";
  resultTitle.focus();
}

export function hideResult(): void {
  result.hidden = true;
}

copyLink.addEventListener("click", async () => {
  const id = copyLink.dataset.generation;
  if (!id) return;
  try {
    await navigator.clipboard.writeText(resultLink(id, location.origin));
    copyStatus.textContent = generationToken(id)
      ? "Link copied. Whoever has it can open this result, so share it only with people who should."
      : "Link copied. It opens for you when you are signed in.";
  } catch {
    copyStatus.textContent = "The link could not be copied here; copy it from this page's address after signing in.";
  }
});

const download = element<HTMLButtonElement>("download");

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
    sayProgress(problem instanceof ApiProblem ? problem.explanation : "The download failed; please try again.");
  } finally {
    download.disabled = false;
  }
});

resultTitle.tabIndex = -1;
