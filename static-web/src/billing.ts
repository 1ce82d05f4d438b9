import "./styles.css";
import { ApiProblem } from "./api";
import { exportUsage, getUsage, getUsageHistory, openPortal, usageLine, usagePercent, type Usage, type UsageRecord } from "./billing-api";
import { element, formatDate, showError } from "./dom";
import { renderAccountNav } from "./nav";
import { currentSession } from "./session";
import { tableRow } from "./table";

renderAccountNav();

const session = currentSession();
const error = element<HTMLParagraphElement>("billing-error");
const checkoutNote = element<HTMLParagraphElement>("checkout-note");
const ledgerRows = element<HTMLTableSectionElement>("ledger-rows");
const more = element<HTMLButtonElement>("ledger-more");
const portal = element<HTMLButtonElement>("portal");
let continuation: string | undefined;

const statusNames: Record<string, string> = {
  none: "No subscription",
  active: "Active",
  trialing: "Trial",
  past_due: "Payment failed — update your payment method",
  unpaid: "Unpaid",
  canceled: "Cancelled",
};

function renderUsage(usage: Usage): void {
  element("plan-name").textContent = usage.planName;
  element("plan-status").textContent = statusNames[usage.subscriptionStatus] ?? usage.subscriptionStatus;
  element("usage-line").textContent = usageLine(usage) + (usage.reserved > 0 ? ` (${usage.reserved} running)` : "");
  element("renews").textContent = usage.periodEnd ? formatDate(usage.periodEnd) : "—";
  element("credits").textContent = String(usage.credits);
  const bar = element<HTMLProgressElement>("usage-bar");
  bar.hidden = !usage.limit;
  bar.value = usagePercent(usage);
  bar.textContent = `${usagePercent(usage)}%`;
  const alerts = element<HTMLUListElement>("alerts");
  alerts.replaceChildren(...usage.alerts.map((alert) => Object.assign(document.createElement("li"), { className: "error", textContent: alert })));
  portal.hidden = usage.subscriptionStatus === "none";
  element("notifications-title").hidden = usage.notifications.length === 0;
  element<HTMLUListElement>("notifications").replaceChildren(...usage.notifications.map((sent) =>
    Object.assign(document.createElement("li"), { textContent: `${formatDate(sent.at)} · ${sent.message}` })));
}

function renderLedger(records: UsageRecord[]): void {
  for (const record of records) {
    const cost = record.estimatedCostUsd === undefined || record.estimatedCostUsd === null ? "—" : `$${record.estimatedCostUsd.toFixed(4)}`;
    ledgerRows.append(tableRow([formatDate(record.time), record.outcome, `${record.keySource}${record.provider ? ` · ${record.provider}` : ""}`,
      record.model ?? "template", `${record.tokensIn + record.tokensOut}`, cost]));
  }
  element("ledger").hidden = ledgerRows.childElementCount === 0;
  element("ledger-empty").hidden = ledgerRows.childElementCount > 0;
}

async function loadLedger(token: string): Promise<void> {
  const page = await getUsageHistory(token, continuation);
  renderLedger(page.items);
  continuation = page.continuationToken;
  more.hidden = !continuation;
}

/** Back from Checkout, the webhook may take a moment: wait for the plan to show, a few seconds at most. */
async function awaitPlan(token: string): Promise<Usage> {
  let usage = await getUsage(token);
  for (let attempt = 0; attempt < 10 && usage.plan === "free"; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 700));
    usage = await getUsage(token);
  }
  return usage;
}

async function load(token: string): Promise<void> {
  const fromCheckout = new URLSearchParams(location.search).get("checkout") === "complete";
  checkoutNote.hidden = !fromCheckout;
  checkoutNote.textContent = "Thank you! Confirming your subscription with Stripe…";
  const usage = fromCheckout ? await awaitPlan(token) : await getUsage(token);
  if (fromCheckout) {
    checkoutNote.textContent = usage.plan === "free"
      ? "Stripe has not confirmed your subscription yet. It will show here within a minute."
      : `Your ${usage.planName} plan is active.`;
  }
  renderUsage(usage);
  element("billing").hidden = false;
  await loadLedger(token);
}

if (!session) {
  element("billing-signed-out").hidden = false;
} else {
  load(session.token).catch((problem) =>
    showError(error, problem instanceof ApiProblem ? problem.explanation : "Your billing details could not be loaded."));
  more.addEventListener("click", () => void loadLedger(session.token));
  portal.addEventListener("click", async () => {
    portal.disabled = true;
    try {
      location.assign((await openPortal(session.token)).url);
    } catch (problem) {
      portal.disabled = false;
      showError(error, problem instanceof ApiProblem ? problem.explanation : "The billing portal could not be opened.");
    }
  });
  element<HTMLButtonElement>("ledger-export").addEventListener("click", async () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await exportUsage(session.token));
    link.download = "crewbuilder-usage.csv";
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  });
}
