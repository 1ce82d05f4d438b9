import { ApiProblem } from "./api";
import { element, formatDate, showError } from "./dom";
import {
  keyPages, keyProblem, providerNames, removeKey, saveKey, testKey, testUnsavedKey,
  type KeyTestResult, type Provider, type SavedKey,
} from "./keys";

const statusWords: Record<SavedKey["status"], string> = {
  untested: "Saved, not tested yet",
  connected: "✅ Connected",
  invalid: "❌ Rejected by the provider",
};

/** What is saved for a provider, status first: the status is what a person looks for. */
export function describeSaved(saved: SavedKey | undefined): string {
  if (!saved) return "No key saved.";
  const rotated = saved.rotatedAt ? `, replaced ${formatDate(saved.rotatedAt)}` : "";
  return `${statusWords[saved.status]} · ${saved.masked} · saved ${formatDate(saved.createdAt)}${rotated}`;
}

/** What the provider said of a key typed in the field, before it is saved. */
export function describeTyped(provider: Provider, result: KeyTestResult["result"]): string {
  const name = providerNames[provider];
  if (result === "connected") return `✅ Connected: ${name} accepted this key. Save it to use it.`;
  if (result === "invalid") return `❌ Rejected: ${name} did not accept this key. Check that it was copied whole, or make a new one.`;
  return `${name} could not be reached, so this key is not tested yet; try again in a moment.`;
}

/**
 * One provider's card: the key field with a Show toggle, a link to where the provider hands out keys, Test (of the typed
 * key before it is saved, else of the saved one), Save and Remove. A key that passed its test is saved as connected with
 * the server's receipt of that test, not tested twice.
 */
export function providerCard(provider: Provider, initial: SavedKey | undefined, bearer: string): HTMLElement {
  const card = (element<HTMLTemplateElement>("provider-template").content.cloneNode(true) as DocumentFragment).firstElementChild as HTMLElement;
  const name = providerNames[provider];
  const part = <T extends HTMLElement>(selector: string): T => card.querySelector<T>(selector)!;
  const [state, label, input, show, help, check, error] = [
    part(".provider-state"), part<HTMLLabelElement>(".key-label"), part<HTMLInputElement>(".key-input"), part<HTMLButtonElement>(".show-button"),
    part<HTMLAnchorElement>(".key-help"), part(".key-check"), part(".error"),
  ];
  const [test, save, remove] = [part<HTMLButtonElement>(".test-button"), part<HTMLButtonElement>(".save-button"), part<HTMLButtonElement>(".remove-button")];
  part(".provider-name").textContent = name;
  input.id = `key-${provider}`;
  label.htmlFor = input.id;
  show.setAttribute("aria-controls", input.id);
  show.setAttribute("aria-label", `Show ${name} key`);
  help.href = keyPages[provider];
  part(".key-help-provider").textContent = ` from ${name}`;
  test.setAttribute("aria-label", `Test ${name} key`);
  remove.setAttribute("aria-label", `Remove ${name} key`);

  let saved = initial;
  let receipt: { key: string; value: string } | undefined;
  const showSaved = (next: SavedKey | undefined): void => {
    saved = next;
    state.textContent = describeSaved(saved);
    label.textContent = saved ? `New ${name} key` : `${name} key`;
    save.textContent = saved ? "Update" : "Save";
    save.setAttribute("aria-label", `${save.textContent} ${name} key`);
    remove.hidden = !saved;
  };
  const showTyped = (message: string | null, invalid = false): void => {
    check.textContent = message ?? "";
    if (invalid) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  };
  const typedKey = (): string | null => {
    const key = input.value.trim();
    const problem = keyProblem(provider, key);
    showError(error, problem);
    return problem ? null : key;
  };
  const busy = async (button: HTMLButtonElement, work: () => Promise<void>, failure: string): Promise<void> => {
    button.disabled = true;
    try {
      await work();
    } catch (problem) {
      showError(error, problem instanceof ApiProblem ? problem.explanation : failure);
    } finally {
      button.disabled = false;
    }
  };
  showSaved(initial);

  show.addEventListener("click", () => {
    const shown = input.type === "password";
    input.type = shown ? "text" : "password";
    show.setAttribute("aria-pressed", String(shown));
  });
  input.addEventListener("input", () => {
    receipt = undefined;
    showTyped(null);
    showError(error, null);
  });
  test.addEventListener("click", () => {
    if (!input.value.trim() && saved) {
      void busy(test, async () => {
        state.textContent = `Asking ${name}…`;
        const { result, key } = await testKey(bearer, provider).finally(() => showSaved(saved));
        showSaved(key);
        if (result === "unreachable") state.textContent += ` · ${name} could not be reached; try again later.`;
      }, `${name} could not be asked; try again.`);
      return;
    }
    const key = typedKey();
    if (!key) return;
    void busy(test, async () => {
      showTyped(`Asking ${name}…`);
      const { result, testReceipt } = await testUnsavedKey(bearer, provider, key).finally(() => showTyped(null));
      receipt = testReceipt ? { key, value: testReceipt } : undefined;
      showTyped(describeTyped(provider, result), result === "invalid");
    }, `${name} could not be asked; try again.`);
  });
  card.querySelector("form")!.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = typedKey();
    if (!key) return;
    void busy(save, async () => {
      showSaved(await saveKey(bearer, provider, key, receipt?.key === key ? receipt.value : undefined));
      input.value = "";
      receipt = undefined;
      showTyped(null);
    }, "The key could not be saved.");
  });
  remove.addEventListener("click", () => {
    if (!confirm(`Remove your ${name} key? It is deleted at once.`)) return;
    void busy(remove, async () => {
      await removeKey(bearer, provider);
      showSaved(undefined);
    }, "The key could not be removed; try again.");
  });
  return card;
}
