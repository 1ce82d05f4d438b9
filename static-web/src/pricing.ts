import "./styles.css";
import { ApiProblem } from "./api";
import { buyGenerations, formatPrice, getPlans, rememberCredit, subscribe, type PlanOffer } from "./billing-api";
import { element, showError } from "./dom";
import { renderAccountNav } from "./nav";
import { currentSession } from "./session";

renderAccountNav();

const plans = element<HTMLUListElement>("plans");
const template = element<HTMLTemplateElement>("plan-template");
const error = element<HTMLParagraphElement>("pricing-error");

const modelNames: Record<string, string> = {
  none: "Your own key",
  standard: "Standard models",
  advanced: "Advanced models",
  all: "All models",
};

/** Free and the $5 generation need no subscription, so they lead, side by side; the monthly plans follow. */
const order = ["free", "generation", "basic", "professional", "enterprise"];
const rank = (plan: PlanOffer): number => (order.includes(plan.id) ? order.indexOf(plan.id) : order.length);

function allowance(plan: PlanOffer): string {
  if (plan.id === "free") return "As many generations as you like, on your own key";
  if (plan.id === "generation") return "1 generation per purchase";
  if (plan.id === "enterprise") return plan.generationsPerPeriod ? `Up to ${plan.generationsPerPeriod} generations a month` : "Unlimited generations, or your contract's cap";
  return `${plan.generationsPerPeriod} generations a month`;
}

/** Sends the browser to Stripe Checkout; a one-off purchase's claim is kept first, so it cannot be lost on the way back. */
async function act(plan: PlanOffer, button: HTMLButtonElement): Promise<void> {
  const session = currentSession();
  if (plan.id === "enterprise") {
    location.assign("mailto:sales@crewbuilder.dev?subject=CrewBuilder%20Enterprise");
    return;
  }
  if (plan.id !== "generation" && !session) {
    location.assign(`/signin?next=${encodeURIComponent("/pricing")}`);
    return;
  }
  button.disabled = true;
  showError(error, null);
  try {
    const redirect = plan.id === "generation" ? await buyGenerations(session?.token ?? null, 1) : await subscribe(session!.token, plan.id);
    if (redirect.credit) rememberCredit(redirect.credit);
    location.assign(redirect.url);
  } catch (problem) {
    button.disabled = false;
    showError(error, problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder; please try again.");
  }
}

function price(plan: PlanOffer): string {
  if (plan.id === "free") return "$0";
  if (plan.priceCents === undefined || plan.priceCents === null) return "Custom contract";
  return `${formatPrice(plan.priceCents)} ${plan.id === "generation" ? "per generation" : "a month"}`;
}

/** The Free card's action is a link to start, not a purchase. */
function startFree(button: HTMLButtonElement): void {
  button.replaceWith(Object.assign(document.createElement("a"), { className: button.className, href: "/generate", textContent: "Start for free" }));
}

function render(offers: PlanOffer[]): void {
  plans.replaceChildren();
  const paymentsOff = offers.some((offer) => offer.id !== "free" && offer.id !== "enterprise" && !offer.purchasable);
  element("payments-off").hidden = !paymentsOff;
  for (const plan of [...offers].sort((a, b) => rank(a) - rank(b))) {
    const card = template.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
    card.dataset.plan = plan.id;
    card.id = `plan-${plan.id}`;
    card.querySelector(".plan-name")!.textContent = plan.name;
    card.querySelector(".plan-price")!.textContent = price(plan);
    card.querySelector(".plan-allowance")!.textContent = allowance(plan);
    const extras = card.querySelector(".plan-extras")!;
    // The free plan's one extra, the person's own key, already says which models it has.
    for (const extra of plan.id === "free" ? plan.extras : [modelNames[plan.models] ?? plan.models, ...plan.extras]) {
      const item = document.createElement("li");
      item.textContent = extra;
      extras.append(item);
    }
    const button = card.querySelector<HTMLButtonElement>(".plan-action")!;
    plans.append(card);
    if (plan.id === "free") {
      startFree(button);
      continue;
    }
    button.textContent = plan.id === "generation" ? "Buy one generation" : plan.id === "enterprise" ? "Talk to us" : `Choose ${plan.name}`;
    button.disabled = plan.id !== "enterprise" && !plan.purchasable;
    const reason = card.querySelector<HTMLParagraphElement>(".plan-reason")!;
    reason.hidden = !button.disabled;
    reason.id = `reason-${plan.id}`;
    if (button.disabled) button.setAttribute("aria-describedby", reason.id);
    button.addEventListener("click", () => void act(plan, button));
  }
}

getPlans()
  .then((catalog) => render(catalog.plans))
  .catch(() => showError(error, "The plans could not be loaded; please reload the page."));
