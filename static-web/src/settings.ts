import "./styles.css";
import { ApiProblem } from "./api";
import { element, formatDate, showError } from "./dom";
import { keyProblem, listKeys, providerNames, removeKey, saveKey, testKey, type Provider, type SavedKey } from "./keys";
import { renderAccountNav } from "./nav";
import { currentSession } from "./session";
import { getUsage, usageLine } from "./billing-api";

renderAccountNav();

const session = currentSession();
const statusWords: Record<SavedKey["status"], string> = { untested: "Saved, not tested yet", connected: "Connected", invalid: "Rejected by the provider" };

function describe(saved: SavedKey | undefined): string {
  if (!saved) return "No key saved.";
  const rotated = saved.rotatedAt ? `, replaced ${formatDate(saved.rotatedAt)}` : "";
  return `${saved.masked} · ${statusWords[saved.status]} · saved ${formatDate(saved.createdAt)}${rotated}`;
}

function providerCard(provider: Provider, saved: SavedKey | undefined, bearer: string, refresh: () => Promise<void>): HTMLElement {
  const card = (element<HTMLTemplateElement>("provider-template").content.cloneNode(true) as DocumentFragment).firstElementChild as HTMLElement;
  const inputId = `key-${provider}`;
  card.querySelector(".provider-name")!.textContent = providerNames[provider];
  card.querySelector(".provider-state")!.textContent = describe(saved);
  const label = card.querySelector<HTMLLabelElement>(".key-label")!;
  label.htmlFor = inputId;
  label.textContent = saved ? `New ${providerNames[provider]} key` : `${providerNames[provider]} key`;
  const input = card.querySelector<HTMLInputElement>(".key-input")!;
  input.id = inputId;
  const error = card.querySelector<HTMLParagraphElement>(".error")!;
  const save = card.querySelector<HTMLButtonElement>(".save-button")!;
  save.textContent = saved ? "Update" : "Save";
  save.setAttribute("aria-label", `${save.textContent} ${providerNames[provider]} key`);
  const test = card.querySelector<HTMLButtonElement>(".test-button")!;
  test.hidden = !saved;
  test.setAttribute("aria-label", `Test ${providerNames[provider]} key`);
  const remove = card.querySelector<HTMLButtonElement>(".remove-button")!;
  remove.hidden = !saved;
  remove.setAttribute("aria-label", `Remove ${providerNames[provider]} key`);

  card.querySelector("form")!.addEventListener("submit", async (event) => {
    event.preventDefault();
    const key = input.value.trim();
    const problem = keyProblem(provider, key);
    if (problem) {
      showError(error, problem);
      return;
    }
    save.disabled = true;
    try {
      await saveKey(bearer, provider, key);
      input.value = "";
      await refresh();
    } catch (failure) {
      showError(error, failure instanceof ApiProblem ? failure.explanation : "The key could not be saved.");
    } finally {
      save.disabled = false;
    }
  });
  test.addEventListener("click", async () => {
    test.disabled = true;
    const state = card.querySelector(".provider-state")!;
    state.textContent = `Asking ${providerNames[provider]}…`;
    try {
      const { result, key } = await testKey(bearer, provider);
      state.textContent =
        result === "unreachable" ? `${describe(key)} · ${providerNames[provider]} could not be reached; try again later.` : describe(key);
    } finally {
      test.disabled = false;
    }
  });
  remove.addEventListener("click", async () => {
    if (!confirm(`Remove your ${providerNames[provider]} key? It is deleted at once.`)) return;
    await removeKey(bearer, provider);
    await refresh();
  });
  return card;
}

async function refresh(bearer: string): Promise<void> {
  const saved = new Map((await listKeys(bearer)).items.map((key) => [key.provider, key]));
  element("providers").replaceChildren(
    ...(["openai", "anthropic"] as Provider[]).map((provider) => providerCard(provider, saved.get(provider), bearer, () => refresh(bearer))),
  );
}

if (!session) {
  element("settings-signed-out").hidden = false;
} else {
  element("keys").hidden = false;
  void getUsage(session.token).then((usage) => {
    element("usage-text").textContent = `${usage.planName}: ${usageLine(usage)}`;
    element("usage-summary").hidden = false;
  }).catch(() => undefined);
  await refresh(session.token);
}
