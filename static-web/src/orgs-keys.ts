import { element, formatDate } from "./dom";
import { keyProblem, providerNames, type Provider, type SavedKey } from "./keys";
import {
  getKeyVault, getRotation, listOrgKeys, removeOrgKey, rotateOrgKey, saveOrgKey, setHashiCorpVault, setKeyVault, setRotationPolicy, stageOrgKey,
  type KeyVaultSetting, type OrgSummary, type RotationStatus,
} from "./orgs-api";
import { attempt, showProblem, tell, type OrgsPage } from "./orgs-page";

/** The organisation's provider keys, their rotation, and where they are kept (CrewBuilder, or the organisation's Azure Key Vault or HashiCorp Vault). */

const field = (id: string): HTMLInputElement => element<HTMLInputElement>(id);
const vaultKind = element<HTMLSelectElement>("vault-kind");
const vaultAuth = element<HTMLSelectElement>("hcv-auth");

/** Shows the fields of the chosen kind of vault, and of the chosen way into a HashiCorp Vault. */
function showVaultKind(): void {
  element("vault-azure").hidden = vaultKind.value !== "azure";
  element("vault-hashicorp").hidden = vaultKind.value !== "hashicorp";
  element("hcv-role-row").hidden = vaultAuth.value !== "approle";
  element("hcv-secret-label").textContent = vaultAuth.value === "approle" ? "Secret id" : "Token";
}

function describeVault(setting: KeyVaultSetting): string {
  const vault = setting.hashiCorpVault;
  if (vault) {
    const where = `${vault.mount ?? "secret"}/${vault.pathPrefix ?? ""}${vault.namespace ? ` in namespace ${vault.namespace}` : ""}`;
    return `Keys live in HashiCorp Vault ${new URL(vault.address).host} at ${where}, signed in with ${vault.auth === "approle" ? `AppRole ${vault.roleId}` : "a token"}.`;
  }
  return setting.keyVaultUri ? `Keys live in Azure Key Vault ${new URL(setting.keyVaultUri).host}.` : "Keys are kept by CrewBuilder, under the organisation's own key.";
}

function showVault(org: OrgSummary, setting: KeyVaultSetting): void {
  element("vault-state").textContent = describeVault(setting);
  if (element("vault-form").dataset.editing === org.id) return;
  vaultKind.value = setting.hashiCorpVault ? "hashicorp" : setting.keyVaultUri ? "azure" : "crewbuilder";
  field("vault-uri").value = setting.keyVaultUri ?? "";
  const vault = setting.hashiCorpVault;
  field("hcv-address").value = vault?.address ?? "";
  field("hcv-namespace").value = vault?.namespace ?? "";
  field("hcv-mount").value = vault?.mount ?? "";
  field("hcv-prefix").value = vault?.pathPrefix ?? "";
  field("hcv-prefix").placeholder = `org/${org.id}/api_keys`;
  vaultAuth.value = vault?.auth ?? "approle";
  field("hcv-role-id").value = vault?.roleId ?? "";
  field("hcv-secret").value = "";
  showVaultKind();
}

/** Sends the chosen location; a HashiCorp Vault's secret id or token is needed each time, as it is never shown again. */
async function saveVault(page: OrgsPage): Promise<string | null> {
  const id = page.selected()!.id;
  if (vaultKind.value !== "hashicorp") {
    const uri = vaultKind.value === "azure" ? field("vault-uri").value.trim() : "";
    await setKeyVault(page.bearer, id, uri || null);
    return uri ? "The organisation's keys now live in its own Key Vault." : "The organisation's keys are kept by CrewBuilder again.";
  }
  const secret = field("hcv-secret").value.trim();
  if (!field("hcv-address").value.trim() || !secret || (vaultAuth.value === "approle" && !field("hcv-role-id").value.trim())) {
    showProblem(vaultAuth.value === "approle" ? "Give the Vault's address, the role id and a secret id." : "Give the Vault's address and the token.");
    return null;
  }
  const optional = (input: string): string | undefined => field(input).value.trim() || undefined;
  await setHashiCorpVault(page.bearer, id, {
    address: field("hcv-address").value.trim(),
    namespace: optional("hcv-namespace"),
    mount: optional("hcv-mount"),
    pathPrefix: optional("hcv-prefix"),
    auth: vaultAuth.value === "token" ? "token" : "approle",
    roleId: vaultAuth.value === "approle" ? field("hcv-role-id").value.trim() : undefined,
  }, secret);
  return "The organisation's keys now live in its own HashiCorp Vault.";
}

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
  showVault(org, await getKeyVault(page.bearer, org.id));
  element("org-providers").replaceChildren(...(["openai", "anthropic"] as Provider[]).map((provider) =>
    keyCard(page, org, provider, saved.get(provider), statuses.get(provider))));
}

export function wireKeyForms(page: OrgsPage): void {
  vaultKind.addEventListener("change", showVaultKind);
  vaultAuth.addEventListener("change", showVaultKind);
  element<HTMLFormElement>("vault-form").addEventListener("input", () => {
    const org = page.selected();
    if (org) element("vault-form").dataset.editing = org.id;
  });
  element<HTMLFormElement>("vault-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const told = await saveVault(page);
      if (told === null) return;
      field("hcv-secret").value = "";
      delete element("vault-form").dataset.editing;
      await page.show(page.selected()!.id);
      tell(told);
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
