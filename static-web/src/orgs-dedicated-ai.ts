import { element, formatDate } from "./dom";
import { getDedicatedAi, registerDedicatedAi, removeDedicatedAi, testDedicatedAi, type DedicatedAi, type OrgSummary } from "./orgs-api";
import { attempt, showProblem, tell, type OrgsPage } from "./orgs-page";

/** The organisation's own AI endpoint: an Azure OpenAI resource or an OpenAI-compatible gateway, registered, tested and removed. */

const kind = element<HTMLSelectElement>("ai-kind");
const auth = element<HTMLSelectElement>("ai-auth");
const field = (id: string): HTMLInputElement => element<HTMLInputElement>(id);
const certificate = element<HTMLTextAreaElement>("ai-certificate");

/** Azure OpenAI names deployments, needs an API version and may be signed in to as an Entra ID app; a gateway names models and takes a key. */
function showKind(): void {
  const azure = kind.value === "azureOpenAi";
  if (!azure) auth.value = "apiKey";
  const entra = auth.value !== "apiKey";
  element("ai-auth-row").hidden = !azure;
  element("ai-tenant-row").hidden = !entra;
  element("ai-client-row").hidden = !entra;
  element("ai-key-row").hidden = auth.value === "entraCertificate";
  element("ai-certificate-row").hidden = auth.value !== "entraCertificate";
  element("ai-key-label").textContent = auth.value === "entraSecret" ? "Client secret" : "Key";
  element("ai-version-row").hidden = !azure;
  element("ai-standard-label").textContent = azure ? "Standard deployment" : "Standard model";
  element("ai-advanced-label").textContent = azure ? "Advanced deployment (optional)" : "Advanced model (optional)";
  field("ai-base-url").placeholder = azure ? "https://acme.openai.azure.com/" : "https://llm.acme.example/v1";
}

function describe(dedicated: DedicatedAi | null): string {
  if (!dedicated) return "None registered: generations use the organisation's provider keys.";
  const what = dedicated.kind === "azureOpenAi" ? "Azure OpenAI resource" : "Gateway";
  const models = dedicated.standardModel === dedicated.advancedModel ? dedicated.standardModel : `${dedicated.standardModel} and ${dedicated.advancedModel}`;
  const credential = dedicated.authentication === "apiKey" ? `key ${dedicated.maskedKey}`
    : `Entra ID app ${dedicated.clientId} with ${dedicated.authentication === "entraSecret" ? `client secret ${dedicated.maskedKey}` : dedicated.maskedKey}`;
  return `${what} ${new URL(dedicated.baseUrl).host} (${models}), ${credential}, last tested ${formatDate(dedicated.testedAt)}.`;
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
    auth.value = dedicated.authentication;
    field("ai-tenant").value = dedicated.tenantId ?? "";
    field("ai-client").value = dedicated.clientId ?? "";
  }
  showKind();
}

/** A .pem is pasted as its text; a .pfx goes as base64. */
async function readCertificateFile(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  const text = new TextDecoder().decode(bytes);
  return text.includes("-----BEGIN") ? text : btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(""));
}

export function wireDedicatedAi(page: OrgsPage): void {
  kind.addEventListener("change", showKind);
  auth.addEventListener("change", showKind);
  field("ai-certificate-file").addEventListener("change", () => {
    const file = field("ai-certificate-file").files?.[0];
    if (file) void readCertificateFile(file).then((material) => { certificate.value = material; });
  });
  element<HTMLFormElement>("ai-form").addEventListener("input", () => {
    const org = page.selected();
    if (org) element("ai-form").dataset.editing = org.id;
  });
  element<HTMLFormElement>("ai-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const authentication = auth.value as DedicatedAi["authentication"];
    const entra = authentication !== "apiKey";
    const key = authentication === "entraCertificate" ? certificate.value.trim() : field("ai-key").value.trim();
    if (!field("ai-base-url").value.trim() || !field("ai-standard").value.trim() || !key) {
      showProblem(`Give the endpoint, the standard model and the ${{ apiKey: "key", entraSecret: "client secret", entraCertificate: "certificate" }[authentication]}.`);
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
        authentication,
        tenantId: entra ? field("ai-tenant").value.trim() : undefined,
        clientId: entra ? field("ai-client").value.trim() : undefined,
      }, key);
      field("ai-key").value = "";
      certificate.value = "";
      field("ai-certificate-file").value = "";
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
