import { element, formatDate } from "./dom";
import { getDedicatedAi, registerDedicatedAi, removeDedicatedAi, testDedicatedAi, type DedicatedAi, type OrgSummary } from "./orgs-api";
import { attempt, showProblem, tell, type OrgsPage } from "./orgs-page";

/** The organisation's own AI endpoint: an Azure OpenAI resource or an OpenAI-compatible gateway, registered, tested and removed. */

const kind = element<HTMLSelectElement>("ai-kind");
const field = (id: string): HTMLInputElement => element<HTMLInputElement>(id);

/** Azure OpenAI names deployments and needs an API version; a gateway names models. */
function showKind(): void {
  const azure = kind.value === "azureOpenAi";
  element("ai-version-row").hidden = !azure;
  element("ai-standard-label").textContent = azure ? "Standard deployment" : "Standard model";
  element("ai-advanced-label").textContent = azure ? "Advanced deployment (optional)" : "Advanced model (optional)";
  field("ai-base-url").placeholder = azure ? "https://acme.openai.azure.com/" : "https://llm.acme.example/v1";
}

function describe(dedicated: DedicatedAi | null): string {
  if (!dedicated) return "None registered: generations use the organisation's provider keys.";
  const what = dedicated.kind === "azureOpenAi" ? "Azure OpenAI resource" : "Gateway";
  const models = dedicated.standardModel === dedicated.advancedModel ? dedicated.standardModel : `${dedicated.standardModel} and ${dedicated.advancedModel}`;
  return `${what} ${new URL(dedicated.baseUrl).host} (${models}), key ${dedicated.maskedKey}, last tested ${formatDate(dedicated.testedAt)}.`;
}

export async function renderDedicatedAi(page: OrgsPage, org: OrgSummary): Promise<void> {
  const dedicated = await getDedicatedAi(page.bearer, org.id);
  element("ai-state").textContent = describe(dedicated);
  element("ai-test").hidden = dedicated === null;
  element("ai-remove").hidden = dedicated === null;
  if (dedicated && element("ai-form").dataset.editing !== org.id) {
    kind.value = dedicated.kind;
    field("ai-base-url").value = dedicated.baseUrl;
    field("ai-api-version").value = dedicated.apiVersion ?? "2024-10-21";
    field("ai-standard").value = dedicated.standardModel;
    field("ai-advanced").value = dedicated.advancedModel === dedicated.standardModel ? "" : dedicated.advancedModel;
  }
  showKind();
}

export function wireDedicatedAi(page: OrgsPage): void {
  kind.addEventListener("change", showKind);
  element<HTMLFormElement>("ai-form").addEventListener("input", () => {
    const org = page.selected();
    if (org) element("ai-form").dataset.editing = org.id;
  });
  element<HTMLFormElement>("ai-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const key = field("ai-key").value.trim();
    if (!field("ai-base-url").value.trim() || !field("ai-standard").value.trim() || !key) {
      showProblem("Give the endpoint, the standard model and the key.");
      return;
    }
    void attempt(async () => {
      const azure = kind.value === "azureOpenAi";
      await registerDedicatedAi(page.bearer, page.selected()!.id, {
        kind: azure ? "azureOpenAi" : "gateway",
        baseUrl: field("ai-base-url").value.trim(),
        apiVersion: azure ? field("ai-api-version").value.trim() : undefined,
        standardModel: field("ai-standard").value.trim(),
        advancedModel: field("ai-advanced").value.trim() || undefined,
      }, key);
      field("ai-key").value = "";
      delete element("ai-form").dataset.editing;
      await page.show(page.selected()!.id);
      tell("The endpoint answered; generations on the organisation's keys now run on it.");
    });
  });
  element("ai-test").addEventListener("click", () => void attempt(async () => {
    await testDedicatedAi(page.bearer, page.selected()!.id);
    await page.show(page.selected()!.id);
    tell("The endpoint answered the test.");
  }));
  element("ai-remove").addEventListener("click", () => void attempt(async () => {
    await removeDedicatedAi(page.bearer, page.selected()!.id);
    await page.show(page.selected()!.id);
    tell("The endpoint was removed; generations use the organisation's provider keys again.");
  }));
}
