import { ApiProblem } from "./api";
import { getAuthConfig } from "./account-api";
import { forecastGeneration, type KeyRequest } from "./generations-api";
import { buyGenerations, getPlans, getUsage, rememberCredit, spendableCredit } from "./billing-api";
import { element } from "./dom";
import { encryptKey, getEncryptionKey, keyProblem, listKeys, providerNames, saveKey, type Provider } from "./keys";
import { forecastWords, optionPrice, type Allowance, type Choice } from "./key-words";
import { listOrgs } from "./orgs-api";
import { showProblem } from "./problem-text";
import { requirementFeedback } from "./requirement";
import { currentSession } from "./session";
import { siteBrand } from "./site";

/**
 * The key choice of the generate page: which AI designs the crew, each option once, with what it costs the person.
 * The option checked at first is the one the server's own order would pick: a saved key, an organisation's key,
 * CrewBuilder Pro AI with a plan or a paid generation, else the server's key or template mode ("auto", shown only then).
 */

const form = element<HTMLFormElement>("requirement-form");
const requirement = element<HTMLTextAreaElement>("requirement");
const keyError = element<HTMLParagraphElement>("key-error");
const ownKeyInput = element<HTMLInputElement>("own-key-input");
const onceOnly = element<HTMLInputElement>("once-only");
const savedProvider = element<HTMLSelectElement>("saved-provider");
const creditStatus = element<HTMLParagraphElement>("credit-status");
const buyButton = element<HTMLButtonElement>("buy-generation");
const platformInput = form.querySelector<HTMLInputElement>("input[name=keyChoice][value=platform]")!;
export const keyChoice = (): Choice => (form.elements.namedItem("keyChoice") as RadioNodeList).value as Choice;

/** The paid generation this browser will spend, when CrewBuilder Pro AI is chosen. */
let credit: string | null = null;
const allowance: Allowance = { plan: null, credits: 0 };
const orgPayer = element<HTMLSelectElement>("org-payer");
/** The organisations whose keys the member may generate with, and the provider of each one's key. */
let payers: { id: string; name: string; provider: Provider }[] = [];
let serverKey = false;
let paymentsOn = true;
let platformOffered = true;
/** On an organisation's own hostname, that organisation: it pays for every generation there, so there is nothing to choose. */
let siteOrganisation: string | null = null;
/** Whether the visitor picked an option before this page learnt what they have: their pick stands. */
let visitorChose = false;

/** Says beside the options what is wrong with the choice, with its next step as a link where there is one. */
export function showKeyError(message: string | null): void {
  showProblem(keyError, message);
  if (siteOrganisation) return;
  const panel = { openai: "own-key", anthropic: "own-key", platform: "buy-panel", saved: "saved-panel" }[keyChoice() as string];
  const checked = form.querySelector("input[name=keyChoice]:checked")?.closest("label");
  const beside = panel && !element(panel).hidden ? element(panel) : checked?.nextElementSibling?.matches(".choice-reason:not([hidden])") ? checked.nextElementSibling : checked;
  beside?.after(keyError);
}

const label = (id: string, text: string): void => void (element<HTMLSpanElement>(id).textContent = text);

/** Names and prices each option, and shows the panel that belongs to the chosen one. */
function showChoicePanels(): void {
  const choice = keyChoice();
  label("platform-label", `CrewBuilder Pro AI (${optionPrice("platform", allowance)})`);
  for (const provider of ["openai", "anthropic"] as const) label(`${provider}-label`, `My ${providerNames[provider]} key (${optionPrice(provider, allowance)})`);
  const reason = !platformOffered ? "Not offered on this server: it has no CrewBuilder Pro AI key."
    : !paymentsOn && credit === null && allowance.plan === null ? "Not available here: payments are switched off on this server." : null;
  platformInput.disabled = reason !== null;
  element("platform-reason").hidden = reason === null;
  element("platform-reason").textContent = reason ?? "";
  const ownProvider = choice === "openai" || choice === "anthropic" ? choice : null;
  element("own-key").hidden = ownProvider === null;
  if (ownProvider) label("own-key-label", `${providerNames[ownProvider]} key`);
  element("saved-panel").hidden = choice !== "saved" || savedProvider.options.length < 2;
  // A member of several organisations says which one pays; the server refuses to guess.
  element("org-panel").hidden = payers.length < 2 || choice !== "organisation";
  element("buy-panel").hidden = choice !== "platform" || credit !== null || allowance.plan !== null;
  element("model-panel").hidden = !["openai", "anthropic", "saved", "organisation"].includes(choice);
  element("once-hint").textContent = onceOnly.checked
    ? "Encrypted in your browser, used for this generation, then deleted. Never stored."
    : "Encrypted in your browser and saved to your account (Settings), then used for this generation.";
}

function choose(value: Choice): void {
  form.querySelector<HTMLInputElement>(`input[name=keyChoice][value=${value}]`)!.checked = true;
  showChoicePanels();
}

for (const input of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice], #once-only")) {
  input.addEventListener("change", () => {
    visitorChose ||= input.name === "keyChoice";
    showKeyError(null);
    showChoicePanels();
  });
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
  allowance.credits = credit && found ? found.credit.remaining : 0;
  creditStatus.hidden = !credit && !fromCheckout;
  if (credit) {
    creditStatus.textContent = `Payment received: ${allowance.credits} CrewBuilder Pro AI generation${allowance.credits === 1 ? "" : "s"} ready to use.`;
    choose("platform");
  } else {
    if (fromCheckout) creditStatus.textContent = "Stripe has not confirmed your payment yet. Reload this page in a minute.";
    if (keyChoice() === "platform" && allowance.plan === null) choose(firstChoice());
  }
  showChoicePanels();
  void showForecast();
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

/** The option the server would pick by itself, in its order. */
function firstChoice(): Choice {
  if (!element("saved-choice").hidden) return "saved";
  if (!element("org-choice").hidden) return "organisation";
  return allowance.plan && platformOffered ? "platform" : "auto";
}

/** Learns what this visitor has (saved keys, organisation keys, a plan, payments, the server's key) and offers each once. */
export async function describeChoices(): Promise<void> {
  const session = currentSession();
  const [saved, usage, config, orgs, plans, site] = await Promise.all([
    session ? listKeys(session.token).then((page) => page.items, () => []) : [],
    session ? getUsage(session.token).catch(() => null) : null,
    getAuthConfig().catch(() => ({ serverKeyProviders: [] as string[], platformKeyProviders: [] as string[] })),
    session ? listOrgs(session.token).then((page) => page.items, () => []) : [],
    getPlans().then((catalog) => catalog.plans, () => []),
    siteBrand(),
  ]);
  if (site.whiteLabel) {
    siteOrganisation = site.name;
    form.querySelector<HTMLFieldSetElement>(".key-choice")!.hidden = true;
    element("payments-off").hidden = true;
    element("site-ai").hidden = false;
    element("site-ai").textContent = `Your crew is designed with ${site.name}'s AI, at no charge to you.`;
    element("site-ai").after(keyError);
    return;
  }
  paymentsOn = plans.find((plan) => plan.id === "generation")?.purchasable ?? false;
  element("payments-off").hidden = paymentsOn;
  payers = orgs.filter((org) => org.role !== "auditor" && (org.dedicatedAi || (org.keyProviders?.length ?? 0) > 0))
    .map((org) => ({ id: org.id, name: org.name, provider: org.dedicatedAi ? "openai" : org.keyProviders![0] }));
  element("org-choice").hidden = payers.length === 0;
  label("org-label", payers.length === 1
    ? `My organisation's key (${payers[0].name}, ${providerNames[payers[0].provider]})`
    : "My organisation's key (choose which organisation pays)");
  orgPayer.replaceChildren(...payers.map((payer) => new Option(`${payer.name} (${providerNames[payer.provider]})`, payer.id)));
  allowance.plan = usage !== null && usage.plan !== "free" ? { limit: usage.limit ?? null, remaining: usage.remaining ?? null } : null;
  element("saved-choice").hidden = saved.length === 0;
  savedProvider.replaceChildren(...saved.map((key) => new Option(`${providerNames[key.provider]} (${key.masked})`, key.provider)));
  const savedPrice = optionPrice("saved", allowance);
  label("saved-label", saved.length === 1 ? `My saved ${providerNames[saved[0].provider]} key (${savedPrice})` : `My saved key (${savedPrice})`);
  onceOnly.parentElement!.hidden = !session;
  serverKey = config.serverKeyProviders.length > 0;
  platformOffered = config.platformKeyProviders.length > 0;
  label("auto-label", serverKey
    ? `The server's key (self-hosted, ${providerNames[config.serverKeyProviders[0] as Provider]}, free)`
    : "Template mode (no AI key): designed from the words of your requirement");
  const first = firstChoice();
  element("auto-choice").hidden = first !== "auto" && !(visitorChose && keyChoice() === "auto");
  const picked = form.querySelector<HTMLInputElement>("input[name=keyChoice]:checked");
  choose(visitorChose && picked && !picked.closest("label")!.hidden && !picked.disabled ? (picked.value as Choice) : first);
}

/** The key part of the request, with the model named for one's own key; a sentence to show instead when it cannot be made. */
export async function keyRequest(): Promise<KeyRequest | string> {
  const key = await keySourceRequest();
  const model = element<HTMLInputElement>("model").value.trim();
  return typeof key === "string" || !model || element("model-panel").hidden ? key : { ...key, model };
}

async function keySourceRequest(): Promise<KeyRequest | string> {
  if (siteOrganisation) return {};
  const choice = keyChoice();
  if (choice === "platform") {
    if (credit) return { keySource: "platform", credit };
    return allowance.plan ? { keySource: "platform" } : "Pay for the generation first: CrewBuilder Pro AI costs $5 (Pay $5 with Stripe).";
  }
  if (choice === "saved") return { keySource: "saved", provider: savedProvider.value as Provider };
  const payer = payers.find((org) => org.id === orgPayer.value) ?? payers[0];
  if (choice === "organisation") return { keySource: "organisation", provider: payer?.provider, orgId: payer?.id };
  if (choice !== "openai" && choice !== "anthropic") return {};
  const key = ownKeyInput.value.trim();
  const problem = keyProblem(choice, key);
  if (problem) return problem;
  const session = currentSession();
  if (session && !onceOnly.checked) {
    await saveKey(session.token, choice, key);
    return { keySource: "saved", provider: choice };
  }
  return { keySource: "once", provider: choice, encryptedKey: await encryptKey(key, await getEncryptionKey()) };
}

const forecastLine = element<HTMLParagraphElement>("forecast");
let forecastTimer: ReturnType<typeof setTimeout> | undefined;

/** What the chosen option will cost the person; with their own key, the tokens forecast from the requirement's size. */
export async function showForecast(): Promise<void> {
  if (siteOrganisation) {
    forecastLine.hidden = true;
    return;
  }
  const choice = keyChoice();
  const provider: Provider = choice === "anthropic" || (choice === "saved" && savedProvider.value === "anthropic")
    || (choice === "organisation" && payers.find((org) => org.id === orgPayer.value)?.provider === "anthropic") ? "anthropic" : "openai";
  const text = requirement.value.trim();
  const tokensMatter = ["openai", "anthropic", "saved", "organisation"].includes(choice) && requirementFeedback(text).valid;
  const forecast = tokensMatter ? await forecastGeneration(text, provider).catch(() => null) : null;
  forecastLine.textContent = forecastWords(choice, allowance, forecast, provider, serverKey);
  forecastLine.hidden = false;
}

function scheduleForecast(): void {
  clearTimeout(forecastTimer);
  forecastTimer = setTimeout(() => void showForecast(), 400);
}

for (const input of form.querySelectorAll<HTMLInputElement>("input[name=keyChoice]")) input.addEventListener("change", scheduleForecast);
savedProvider.addEventListener("change", scheduleForecast);
orgPayer.addEventListener("change", scheduleForecast);
requirement.addEventListener("input", scheduleForecast);

/** Puts the cursor where the key problem can be fixed: the pay button, or the key field. */
export function focusKeyProblem(): void {
  (keyChoice() === "platform" ? buyButton : ownKeyInput).focus();
}

/** Once a generation holds the one-off key, the field forgets it; a rejected key stays, to be fixed and tested. */
export function forgetTypedKey(): void {
  ownKeyInput.value = "";
}
