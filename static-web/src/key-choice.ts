import { ApiProblem } from "./api";
import { getAuthConfig } from "./account-api";
import { forecastGeneration, type KeyRequest } from "./generations-api";
import { buyGenerations, getUsage, rememberCredit, spendableCredit } from "./billing-api";
import { element, showError } from "./dom";
import { encryptKey, getEncryptionKey, keyProblem, listKeys, providerNames, saveKey, type Provider } from "./keys";
import { listOrgs } from "./orgs-api";
import { requirementFeedback } from "./requirement";
import { currentSession } from "./session";

/** The key choice of the generate page: which AI designs the crew, paying for it, and what it is forecast to spend. */

const form = element<HTMLFormElement>("requirement-form");
const requirement = element<HTMLTextAreaElement>("requirement");
const requirementText = (): string => requirement.value.trim();
const keyError = element<HTMLParagraphElement>("requirement-error");
const showKeyError = (message: string): void => showError(keyError, message);

const ownKeyPanel = element<HTMLDivElement>("own-key");
const ownKeyInput = element<HTMLInputElement>("own-key-input");
const onceOnly = element<HTMLInputElement>("once-only");
const savedChoice = element<HTMLLabelElement>("saved-choice");
const savedProvider = element<HTMLSelectElement>("saved-provider");
const buyPanel = element<HTMLDivElement>("buy-panel");
const creditStatus = element<HTMLParagraphElement>("credit-status");
const buyButton = element<HTMLButtonElement>("buy-generation");
export const keyChoice = (): string => (form.elements.namedItem("keyChoice") as RadioNodeList).value;
/** The paid generation this browser will spend, when CrewBuilder Pro AI is chosen. */
let credit: string | null = null;
/** Whether the signed-in person's plan includes CrewBuilder Pro AI. */
let planIncludesPro = false;
const orgPayer = element<HTMLSelectElement>("org-payer");
/** The organisations whose keys the member may generate with, and the provider of each one's key. */
let payers: { id: string; name: string; provider: Provider }[] = [];
/** Whether "Automatic" would use an organisation's key: no saved key, and an organisation that can pay. */
let autoUsesOrganisation = false;
/** The label CrewBuilder Pro AI has without a paid generation: its price, or the plan that includes it. */
let platformLabel = "CrewBuilder Pro AI ($5)";

/** Shows the panel that belongs to the chosen source: Stripe for Pro AI not yet paid for, the saved keys, or a key field. */
function showChoicePanels(): void {
  const choice = keyChoice();
  const ownProvider = choice === "openai" || choice === "anthropic" ? (choice as Provider) : null;
  ownKeyPanel.hidden = ownProvider === null;
  if (ownProvider) element<HTMLLabelElement>("own-key-label").textContent = `${providerNames[ownProvider]} key`;
  element<HTMLDivElement>("saved-panel").hidden = choice !== "saved" || savedProvider.options.length < 2;
  // A member of several organisations says which one pays; the server refuses to guess.
  element<HTMLDivElement>("org-panel").hidden = payers.length < 2 || !(choice === "organisation" || (choice === "auto" && autoUsesOrganisation));
  buyPanel.hidden = choice !== "platform" || credit !== null || planIncludesPro;
  element<HTMLDivElement>("model-panel").hidden = !["openai", "anthropic", "saved", "organisation"].includes(choice);
  element<HTMLParagraphElement>("once-hint").textContent = onceOnly.checked
    ? "Encrypted in your browser, used for this generation, then deleted. Never stored."
    : "Encrypted in your browser and saved to your account (Settings), then used for this generation.";
}

for (const input of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice], #once-only")) {
  input.addEventListener("change", showChoicePanels);
}

function choose(value: string): void {
  form.querySelector<HTMLInputElement>(`input[name=keyChoice][value=${value}]`)!.checked = true;
  showChoicePanels();
}

/** A paid generation kept in this browser; back from Checkout, wait a little for Stripe to confirm the payment. */
export async function findCredit(fromCheckout = false): Promise<void> {
  let found = await spendableCredit();
  for (let attempt = 0; fromCheckout && attempt < 15 && found?.credit.state === "pending"; attempt++) {
    creditStatus.hidden = false;
    creditStatus.textContent = "Confirming your payment with Stripe…";
    await new Promise((resolve) => setTimeout(resolve, 700));
    found = await spendableCredit();
  }
  credit = found?.credit.state === "paid" ? found.claim : null;
  creditStatus.hidden = !credit && !fromCheckout;
  const label = element<HTMLSpanElement>("platform-label");
  if (credit && found) {
    const left = found.credit.remaining;
    creditStatus.textContent = `Payment received: ${left} CrewBuilder Pro AI generation${left === 1 ? "" : "s"} ready to use.`;
    label.textContent = `CrewBuilder Pro AI (paid generation, ${left} left)`;
    choose("platform");
  } else {
    label.textContent = platformLabel;
    if (fromCheckout) creditStatus.textContent = "Stripe has not confirmed your payment yet. Reload this page in a minute.";
    else if (keyChoice() === "platform" && !planIncludesPro) choose("auto");
  }
  showChoicePanels();
}

buyButton.addEventListener("click", async () => {
  buyButton.disabled = true;
  try {
    const redirect = await buyGenerations(currentSession()?.token ?? null, 1);
    if (redirect.credit) rememberCredit(redirect.credit);
    location.assign(redirect.url);
  } catch (problem) {
    buyButton.disabled = false;
    showKeyError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder; please try again.");
  }
});

/**
 * Fills in what each choice means for this visitor, and what "Automatic" will use, in the order the server applies:
 * a saved key, CrewBuilder Pro AI with a plan, the server's own key, else template mode.
 */
export async function describeChoices(): Promise<void> {
  const session = currentSession();
  const saved = session ? (await listKeys(session.token).catch(() => ({ items: [] }))).items : [];
  const usage = session ? await getUsage(session.token).catch(() => null) : null;
  const config = await getAuthConfig().catch(() => ({ serverKeyProviders: [] as string[] }));
  const orgs = session ? (await listOrgs(session.token).catch(() => ({ items: [] }))).items : [];
  payers = orgs.filter((org) => org.role !== "auditor" && (org.dedicatedAi || (org.keyProviders?.length ?? 0) > 0))
    .map((org) => ({ id: org.id, name: org.name, provider: org.dedicatedAi ? "openai" : org.keyProviders![0] }));
  element<HTMLLabelElement>("org-choice").hidden = payers.length === 0;
  element<HTMLSpanElement>("org-label").textContent = payers.length === 1
    ? `My organisation's key (${payers[0].name}, ${providerNames[payers[0].provider]})`
    : "My organisation's key (choose which organisation pays)";
  orgPayer.replaceChildren(...payers.map((payer) => new Option(`${payer.name} (${providerNames[payer.provider]})`, payer.id)));
  autoUsesOrganisation = saved.length === 0 && payers.length > 0;
  planIncludesPro = usage !== null && usage.plan !== "free";
  if (planIncludesPro) platformLabel = `CrewBuilder Pro AI (included in your ${usage?.planName} plan)`;
  element<HTMLSpanElement>("platform-label").textContent = platformLabel;
  savedChoice.hidden = saved.length === 0;
  savedProvider.replaceChildren(...saved.map((key) => new Option(`${providerNames[key.provider]} (${key.masked})`, key.provider)));
  element<HTMLSpanElement>("saved-label").textContent = saved.length === 1 ? `My saved ${providerNames[saved[0].provider]} key` : "My saved key";
  onceOnly.parentElement!.hidden = !session;
  const label = element<HTMLSpanElement>("auto-label");
  if (saved.length > 0) label.textContent = `Automatic: my saved ${providerNames[saved[0].provider]} key`;
  else if (payers.length === 1) label.textContent = `Automatic: ${payers[0].name}'s ${providerNames[payers[0].provider]} key`;
  else if (payers.length > 1) label.textContent = "Automatic: the key of the organisation chosen below";
  else if (planIncludesPro) label.textContent = `Automatic: ${platformLabel}`;
  else if (config.serverKeyProviders.length > 0) label.textContent = `Using the server's key (self-hosted, ${providerNames[config.serverKeyProviders[0] as Provider]})`;
  else label.textContent = "Template mode (no AI key): designed from the words of your requirement";
  showChoicePanels();
}

/** The key part of the request, with the model named for one's own key; a sentence to show instead when it cannot be made. */
export async function keyRequest(): Promise<KeyRequest | string> {
  const key = await keySourceRequest();
  const model = element<HTMLInputElement>("model").value.trim();
  return typeof key === "string" || !model || element<HTMLDivElement>("model-panel").hidden ? key : { ...key, model };
}

async function keySourceRequest(): Promise<KeyRequest | string> {
  const choice = keyChoice();
  if (choice === "platform") {
    if (credit) return { keySource: "platform", credit };
    return planIncludesPro ? { keySource: "platform" } : "Pay for the generation first: CrewBuilder Pro AI costs $5 (Pay $5 with Stripe).";
  }
  if (choice === "saved") return { keySource: "saved", provider: savedProvider.value as Provider };
  const payer = payers.find((org) => org.id === orgPayer.value) ?? payers[0];
  if (choice === "organisation") return { keySource: "organisation", provider: payer?.provider, orgId: payer?.id };
  if (choice === "auto" && autoUsesOrganisation && payers.length > 1) return { orgId: payer.id };
  if (choice !== "openai" && choice !== "anthropic") return {};
  const provider = choice as Provider;
  const key = ownKeyInput.value.trim();
  const problem = keyProblem(provider, key);
  if (problem) return problem;
  const session = currentSession();
  if (session && !onceOnly.checked) {
    await saveKey(session.token, provider, key);
    return { keySource: "saved", provider };
  }
  return { keySource: "once", provider, encryptedKey: await encryptKey(key, await getEncryptionKey()) };
}

const forecastLine = element<HTMLParagraphElement>("forecast");
let forecastTimer: ReturnType<typeof setTimeout> | undefined;

/** Before a generation on a model: what it is expected to spend, from the requirement's size. */
export async function showForecast(): Promise<void> {
  const choice = keyChoice();
  const provider = choice === "anthropic" || (choice === "saved" && savedProvider.value === "anthropic") ? "anthropic" : "openai";
  const text = requirementText();
  if (choice === "auto" || !requirementFeedback(text).valid) {
    forecastLine.hidden = true;
    return;
  }
  const forecast = await forecastGeneration(text, provider).catch(() => null);
  if (!forecast) return;
  const tokens = (forecast.inputTokens + forecast.outputTokens).toLocaleString("en-US");
  const price = forecast.costUsd !== undefined && forecast.costUsd !== null ? `, about $${forecast.costUsd.toFixed(2)}` : "";
  forecastLine.textContent = `This generation will use roughly ${tokens} tokens${price} (${forecast.standardModel}, with ${forecast.advancedModel} for architecture and review).`;
  forecastLine.hidden = false;
}

function scheduleForecast(): void {
  clearTimeout(forecastTimer);
  forecastTimer = setTimeout(() => void showForecast(), 400);
}

for (const input of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice]")) input.addEventListener("change", scheduleForecast);


/** Puts the cursor where the key problem can be fixed: the pay button, or the key field. */
export function focusKeyProblem(): void {
  (keyChoice() === "platform" ? buyButton : ownKeyInput).focus();
}

/** Once a generation holds the one-off key, the field forgets it; a rejected key stays, to be fixed and tested. */
export function forgetTypedKey(): void {
  ownKeyInput.value = "";
}

requirement.addEventListener("input", scheduleForecast);
