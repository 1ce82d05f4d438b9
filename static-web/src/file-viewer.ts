import { headers } from "./api";
import { statusUrl } from "./generations-api";
import { element } from "./dom";
import { languageOf, renderCode } from "./highlight";
import { renderMarkdown } from "./markdown";
import { bearerFor } from "./session";

/**
 * The results viewer beside the file tree: Markdown rendered (from text, never HTML), any other file as numbered,
 * highlighted lines that scroll from the keyboard; the open file is marked in the tree and can be copied whole.
 */

const title = element<HTMLHeadingElement>("viewer-title");
const code = element<HTMLPreElement>("viewer-code");
const content = element<HTMLElement>("viewer-content");
const doc = element<HTMLDivElement>("viewer-doc");
const copyFile = element<HTMLButtonElement>("copy-file");
const copyStatus = element<HTMLParagraphElement>("copy-file-status");

/** The open file: its generation, path and text, for the copy button. */
let open: { id: string; path: string; text: string } | null = null;

async function copy(text: string, what: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    copyStatus.textContent = `${what} copied.`;
  } catch {
    copyStatus.textContent = `${what} could not be copied here; select it and copy instead.`;
  }
}

function copyButton(text: string): HTMLButtonElement {
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button small copy-code";
  button.textContent = "Copy code";
  button.addEventListener("click", () => void copy(text, "Code"));
  return button;
}

copyFile.addEventListener("click", () => {
  if (open) void copy(open.text, open.path);
});

function markOpen(path: string | null): void {
  for (const button of document.querySelectorAll<HTMLButtonElement>("#files .file-link")) {
    if (button.dataset.path === path) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
}

function show(text: string | null, message = ""): void {
  const markdown = text !== null && languageOf(open?.path ?? "") === "markdown";
  code.hidden = markdown;
  doc.hidden = !markdown;
  copyFile.hidden = text === null;
  if (text === null || markdown) content.textContent = message;
  if (text === null) return;
  if (markdown) doc.replaceChildren(renderMarkdown(text, { openFile: (path) => void viewFile(open!.id, path), copyButton }));
  else renderCode(content, text, languageOf(open!.path));
}

/** Shows one generated file, read with the same credentials as the generation. */
export async function viewFile(id: string, path: string): Promise<void> {
  open = { id, path, text: "" };
  title.textContent = path;
  copyStatus.textContent = "";
  markOpen(path);
  show(null, "Loading…");
  try {
    const response = await fetch(`${statusUrl(id)}/files/${path.split("/").map(encodeURIComponent).join("/")}`, { headers: headers(bearerFor(id)) });
    if (response.ok) {
      open.text = await response.text();
      show(open.text);
    } else show(null, "This file could not be loaded.");
  } catch {
    show(null, "This file could not be loaded.");
  }
  title.focus();
}

/** Empties the viewer for a new result. */
export function resetViewer(): void {
  open = null;
  title.textContent = "Choose a file to read it here";
  copyStatus.textContent = "";
  show(null);
  code.hidden = true;
}
