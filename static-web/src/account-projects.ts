import { explain } from "./api";
import { element, formatDate, showError } from "./dom";
import { deleteProject, listProjects, renameProject, type GenerationSummary, type Project, type ProjectQuery } from "./generations-api";
import { can, listOrgs } from "./orgs-api";

/** The account page's projects: search and filters, each original with its refinements, rename and delete. */

const error = (): HTMLParagraphElement => element<HTMLParagraphElement>("projects-error");


const titleOf = (generation: GenerationSummary): string => generation.name ?? generation.packageName ?? generation.requirement;

function openLink(generation: GenerationSummary, text = titleOf(generation)): HTMLAnchorElement {
  return Object.assign(document.createElement("a"), { href: `/generate?id=${encodeURIComponent(generation.id)}`, textContent: text });
}

const meta = (generation: GenerationSummary): HTMLSpanElement =>
  Object.assign(document.createElement("span"), {
    className: "hint",
    textContent: ` ${generation.status} · ${formatDate(generation.createdAt)}${generation.layout ? ` · ${generation.layout}` : ""}`,
  });

function button(text: string, label: string, onClick: () => void, className = "button"): HTMLButtonElement {
  const made = Object.assign(document.createElement("button"), { type: "button", className, textContent: text });
  made.setAttribute("aria-label", label);
  made.addEventListener("click", onClick);
  return made;
}

/** Deleting asks first: the project zip goes with it and cannot be downloaded again. */
function deleteButton(bearer: string, generation: GenerationSummary, reload: () => Promise<void>): HTMLButtonElement {
  const ended = generation.status !== "queued" && generation.status !== "running";
  const made = button("Delete", `Delete ${titleOf(generation)}`, () => {
    if (!confirm(`Delete “${titleOf(generation)}”? Its project can no longer be opened or downloaded.`)) return;
    void act(async () => {
      await deleteProject(bearer, generation.id);
      await reload();
    });
  }, "button danger");
  made.disabled = !ended;
  if (!ended) made.title = "Cancel it first, or delete it once it has ended.";
  return made;
}

function renameForm(bearer: string, project: Project, reload: () => Promise<void>): HTMLFormElement {
  const form = Object.assign(document.createElement("form"), { className: "rename-form", noValidate: true });
  const id = `rename-${project.id}`;
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: "New name" });
  const input = Object.assign(document.createElement("input"), { id, type: "text", maxLength: 100, required: true, value: project.name ?? project.original.packageName ?? "" });
  const save = Object.assign(document.createElement("button"), { type: "submit", className: "button primary", textContent: "Save name" });
  const buttons = Object.assign(document.createElement("span"), { className: "row-actions" });
  buttons.append(save, button("Cancel", "Keep the old name", () => void reload()));
  form.append(label, input, buttons);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const name = input.value.trim();
    if (!name) {
      showError(error(), "Give the project a name of 1 to 100 characters.");
      input.focus();
      return;
    }
    void act(async () => {
      await renameProject(bearer, project.id, name);
      await reload();
    });
  });
  return form;
}

function refinementsOf(bearer: string, project: Project, reload: () => Promise<void>): HTMLDetailsElement {
  const details = document.createElement("details");
  const count = project.refinements.length;
  details.append(Object.assign(document.createElement("summary"), { textContent: `${count} refinement${count === 1 ? "" : "s"}` }));
  const list = Object.assign(document.createElement("ul"), { className: "history refinements" });
  list.append(...project.refinements.map((refinement) => {
    const item = document.createElement("li");
    item.append(openLink(refinement, refinement.name ?? `Refinement of ${formatDate(refinement.createdAt)}`), meta(refinement), " ", deleteButton(bearer, refinement, reload));
    return item;
  }));
  details.append(list);
  return details;
}

function projectItem(bearer: string, project: Project, reload: () => Promise<void>): HTMLLIElement {
  const item = Object.assign(document.createElement("li"), { className: "project" });
  const title = Object.assign(document.createElement("h3"), { className: "project-title" });
  title.append(openLink(project.original, project.name ?? titleOf(project.original)));
  const requirement = Object.assign(document.createElement("p"), { className: "hint project-requirement", textContent: project.original.requirement });
  const actions = Object.assign(document.createElement("p"), { className: "row-actions" });
  actions.append(
    button("Rename", `Rename ${project.name ?? titleOf(project.original)}`, () => {
      const form = renameForm(bearer, project, reload);
      actions.replaceWith(form);
      form.querySelector("input")!.focus();
    }),
    deleteButton(bearer, project.original, reload));
  item.append(title, meta(project.original), requirement, actions);
  if (project.refinements.length > 0) item.append(refinementsOf(bearer, project, reload));
  return item;
}

async function act(action: () => Promise<void>): Promise<void> {
  showError(error(), null);
  try {
    await action();
  } catch (problem) {
    showError(error(), explain(problem));
  }
}

/** The filters as the API takes them; the "To" day is included, so the range ends at the start of the next day. */
function queryOf(form: HTMLFormElement): ProjectQuery {
  const data = new FormData(form);
  const text = (name: string): string | undefined => String(data.get(name) ?? "").trim() || undefined;
  const to = text("to");
  const nextDay = to ? new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString() : undefined;
  return {
    q: text("q"), status: text("status") as ProjectQuery["status"], layout: text("layout") as ProjectQuery["layout"],
    from: text("from") ? `${text("from")}T00:00:00Z` : undefined, to: nextDay,
  };
}

export async function showProjects(bearer: string): Promise<void> {
  const form = element<HTMLFormElement>("project-search");
  const list = element<HTMLUListElement>("history");
  const more = element<HTMLButtonElement>("history-more");
  let filter: ProjectQuery = {};

  const load = async (continuationToken?: string): Promise<void> => {
    const page = await listProjects(bearer, filter, continuationToken);
    if (!continuationToken) list.replaceChildren();
    list.append(...page.items.map((project) => projectItem(bearer, project, reload)));
    const filtered = Object.values(filter).some(Boolean);
    element("history-empty").hidden = list.children.length > 0 || filtered;
    element("history-none-found").hidden = list.children.length > 0 || !filtered;
    more.hidden = !page.continuationToken;
    more.onclick = () => void act(() => load(page.continuationToken));
  };
  const reload = (): Promise<void> => load();

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    filter = queryOf(form);
    void act(reload);
  });
  form.addEventListener("reset", () => {
    filter = {};
    void act(reload);
  });
  await Promise.all([load(), showOrganisationGenerations(bearer)]);
}

/** Where owners and admins open the generations made with their organisations' keys. */
async function showOrganisationGenerations(bearer: string): Promise<void> {
  const managed = (await listOrgs(bearer)).items.filter((org) => can.manage(org.role));
  element("org-projects").hidden = managed.length === 0;
  element("org-project-links").replaceChildren(...managed.map((org) => {
    const item = document.createElement("li");
    item.append(Object.assign(document.createElement("a"), { href: `/orgs?org=${encodeURIComponent(org.id)}#org-generations-title`, textContent: `Generations with ${org.name}'s keys` }));
    return item;
  }));
}
