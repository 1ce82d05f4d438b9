import "./styles.css";
import { ApiProblem } from "./api";
import { createTemplate, deleteTemplate, listTemplates, updateTemplate, type CrewTemplate } from "./templates-api";
import { element } from "./dom";
import { listKeys, type Provider } from "./keys";
import { renderAccountNav } from "./nav";
import { currentSession } from "./session";
import { getUsage, usageLine } from "./billing-api";
import { providerCard } from "./settings-keys";

renderAccountNav();

const session = currentSession();

async function showKeys(bearer: string): Promise<void> {
  const saved = new Map((await listKeys(bearer)).items.map((key) => [key.provider, key]));
  element("providers").replaceChildren(...(["openai", "anthropic"] as Provider[]).map((provider) => providerCard(provider, saved.get(provider), bearer)));
}

/** One template as a form: name, requirement and hints; saving creates it or changes it, and a saved one can be deleted. */
function templateForm(bearer: string, template: CrewTemplate | null, refresh: () => Promise<void>): HTMLFormElement {
  const form = document.createElement("form");
  form.className = "template-form";
  form.noValidate = true;
  const label = template ? template.name : "new template";
  const field = (name: string, text: string, value: string, multiline: boolean): HTMLInputElement | HTMLTextAreaElement => {
    const id = `${name}-${template?.id ?? "new"}`;
    const caption = Object.assign(document.createElement("label"), { htmlFor: id, textContent: text });
    const input = multiline ? document.createElement("textarea") : document.createElement("input");
    Object.assign(input, { id, value });
    if (input instanceof HTMLTextAreaElement) input.rows = 3;
    form.append(caption, input);
    return input;
  };
  const name = field("template-name", `Name of ${label}`, template?.name ?? "", false);
  const requirement = field("template-requirement", `Requirement of ${label}`, template?.requirement ?? "", true);
  const hints = field("template-hints", `Hints for the architecture (${label})`, template?.hints ?? "", true);
  const status = Object.assign(document.createElement("p"), { className: "hint" });
  status.setAttribute("role", "status");
  const save = Object.assign(document.createElement("button"), { type: "submit", className: "button primary", textContent: template ? `Save ${template.name}` : "Create template" });
  const actions = Object.assign(document.createElement("p"), { className: "dialog-actions" });
  actions.append(save);
  if (template) {
    const remove = Object.assign(document.createElement("button"), { type: "button", className: "button danger", textContent: `Delete ${template.name}` });
    remove.addEventListener("click", async () => {
      try {
        await deleteTemplate(template.id, bearer);
        await refresh();
      } catch (problem) {
        status.textContent = problem instanceof ApiProblem ? problem.explanation : "The template was not deleted; please try again.";
      }
    });
    actions.append(remove);
  }
  form.append(status, actions);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const fields = { name: name.value.trim(), requirement: requirement.value.trim(), hints: hints.value.trim() || undefined };
    try {
      await (template ? updateTemplate(template.id, fields, bearer) : createTemplate(fields, bearer));
      await refresh();
    } catch (problem) {
      status.textContent = problem instanceof ApiProblem ? problem.explanation : "The template was not saved; please try again.";
    }
  });
  return form;
}

async function refreshTemplates(bearer: string): Promise<void> {
  const list = await listTemplates(bearer).catch(() => null);
  element("templates").hidden = !list?.customAllowed;
  if (!list?.customAllowed) return;
  const again = () => refreshTemplates(bearer);
  element("template-list").replaceChildren(...list.custom.map((template) => templateForm(bearer, template, again)));
  element("new-template").replaceChildren(templateForm(bearer, null, again));
}

if (!session) {
  element("settings-signed-out").hidden = false;
} else {
  element("keys").hidden = false;
  void getUsage(session.token).then((usage) => {
    element("usage-text").textContent = `${usage.planName}: ${usageLine(usage)}`;
    element("usage-summary").hidden = false;
  }).catch(() => undefined);
  await showKeys(session.token);
  await refreshTemplates(session.token);
}
