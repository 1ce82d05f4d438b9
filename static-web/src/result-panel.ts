import { headers } from "./api";
import { statusUrl, type Generation } from "./generations-api";
import { element } from "./dom";
import { renderHighlighted } from "./highlight";
import { renderFiles, renderSummary } from "./progress";
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

resultTitle.tabIndex = -1;
