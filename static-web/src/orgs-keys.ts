import { element, formatDate } from "./dom";
import { keyProblem, providerNames, type Provider, type SavedKey } from "./keys";
import {
  getKeyVault, getRotation, listOrgKeys, removeOrgKey, rotateOrgKey, saveOrgKey, setKeyVault, setRotationPolicy, stageOrgKey, type OrgSummary,
  type RotationStatus,
} from "./orgs-api";
import { attempt, showProblem, tell, type OrgsPage } from "./orgs-page";

/** The organisation's provider keys, their rotation, and where they are kept (CrewBuilder or the organisation's Key Vault). */

function keyCard(page: OrgsPage, org: OrgSummary, provider: Provider, saved: SavedKey | undefined, rotation: RotationStatus | undefined): HTMLElement {
  const card = document.createElement("article");
  card.className = "provider";
  const heading = Object.assign(document.createElement("h3"), { textContent: providerNames[provider] });
  const state = Object.assign(document.createElement("p"), {
    className: "provider-state",
    textContent: saved ? `${saved.masked} · saved ${formatDate(saved.createdAt)}` : "No key saved.",
  });
  const due = Object.assign(document.createElement("p"), {
    className: rotation?.overdue ? "error" : "hint",
    textContent: rotation ? `${rotation.overdue ? "Overdue for rotation since" : "Due for rotation on"} ${formatDate(rotation.dueAt)}` +
      (rotation.pending ? ` · new key ${rotation.pending.masked} staged` : "") +
      (rotation.previousUsableUntil ? ` · previous key usable until ${formatDate(rotation.previousUsableUntil)}` : "") : "",
    hidden: !rotation,
  });
  const form = document.createElement("form");
  form.noValidate = true;
  const id = `org-key-${provider}`;
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: `${providerNames[provider]} organisation key` });
  const input = Object.assign(document.createElement("input"), { id, type: "password", autocomplete: "off", spellcheck: false });
  const save = Object.assign(document.createElement("button"), { type: "submit", className: "button primary", textContent: saved ? "Stage new key" : "Save" });
  save.setAttribute("aria-label", saved ? `Stage new ${providerNames[provider]} organisation key` : `Save ${providerNames[provider]} organisation key`);
  const rotate = Object.assign(document.createElement("button"), { type: "button", className: "button", textContent: "Test and make active", hidden: !rotation?.pending });
  rotate.setAttribute("aria-label", `Make the staged ${providerNames[provider]} key active`);
  rotate.addEventListener("click", () => void attempt(async () => {
    await rotateOrgKey(page.bearer, org.id, provider);
    await page.show(org.id);
  }));
  const remove = Object.assign(document.createElement("button"), { type: "button", className: "button danger", textContent: "Remove", hidden: !saved });
  remove.setAttribute("aria-label", `Remove ${providerNames[provider]} organisation key`);
  form.append(label, input, Object.assign(document.createElement("p"), { className: "dialog-actions" }));
  form.lastElementChild!.append(save, rotate, remove);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    const problem = keyProblem(provider, key);
    if (problem) {
      showProblem(problem);
      return;
    }
    void attempt(async () => {
      // A key already active is rotated in stages: the new one waits as pending until it is tested and made active.
      await (saved ? stageOrgKey(page.bearer, org.id, provider, key) : saveOrgKey(page.bearer, org.id, provider, key));
      input.value = "";
      await page.show(org.id);
    });
  });
  remove.addEventListener("click", () => void attempt(async () => {
    await removeOrgKey(page.bearer, org.id, provider);
    await page.show(org.id);
  }));
  card.append(heading, state, due, form);
  return card;
}

export async function renderKeys(page: OrgsPage, org: OrgSummary): Promise<void> {
  const saved = new Map((await listOrgKeys(page.bearer, org.id)).items.map((key) => [key.provider, key]));
  const rotation = await getRotation(page.bearer, org.id);
  const statuses = new Map(rotation.keys.map((status) => [status.provider, status]));
  element<HTMLInputElement>("max-key-age").value = String(rotation.maxKeyAgeDays);
  element<HTMLInputElement>("vault-uri").value = (await getKeyVault(page.bearer, org.id)).keyVaultUri ?? "";
  element("org-providers").replaceChildren(...(["openai", "anthropic"] as Provider[]).map((provider) =>
    keyCard(page, org, provider, saved.get(provider), statuses.get(provider))));
}

export function wireKeyForms(page: OrgsPage): void {
  element<HTMLFormElement>("vault-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const uri = element<HTMLInputElement>("vault-uri").value.trim();
      await setKeyVault(page.bearer, page.selected()!.id, uri || null);
      await page.show(page.selected()!.id);
      tell(uri ? "The organisation's keys now live in its own Key Vault." : "The organisation's keys are kept by CrewBuilder again.");
    });
  });
  element<HTMLFormElement>("policy-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      await setRotationPolicy(page.bearer, page.selected()!.id, Number(element<HTMLInputElement>("max-key-age").value));
      await page.show(page.selected()!.id);
      tell("Rotation policy saved.");
    });
  });
}
