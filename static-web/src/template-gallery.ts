import { ApiProblem } from "./api";
import type { GenerationSource } from "./generations-api";
import { listTemplates, saveTemplateFrom, type CrewTemplate } from "./templates-api";
import { element } from "./dom";
import { currentSession } from "./session";

/** The template gallery above the requirement, and saving a result as a template of one's own. */

const requirement = element<HTMLTextAreaElement>("requirement");
const saveTemplateButton = element<HTMLButtonElement>("save-template");

/** The template whose requirement fills the box, while the text is still the template's. */
let template: CrewTemplate | null = null;

/** The template a generation starts from, while the requirement is still its text. */
export const templateSource = (text: string): GenerationSource | undefined =>
  template && text.trim() === template.requirement.trim() ? { templateId: template.id } : undefined;

/** Fills the gallery; a chip puts its template's requirement in the box and then calls `picked`. */
export async function showGallery(picked: () => void): Promise<void> {
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
      picked();
    });
    gallery.append(chip);
  }
  saveTemplateButton.hidden = !list.customAllowed;
}

saveTemplateButton.addEventListener("click", async () => {
  const id = element<HTMLButtonElement>("download").dataset.generation;
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

