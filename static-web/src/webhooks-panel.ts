import { element, formatDate } from "./dom";
import { tableRow } from "./table";
import {
  deleteWebhook, listWebhookDeliveries, listWebhooks, registerWebhook, rotateWebhookSecret, sendWebhookTest, webhookEvents,
  type WebhookDelivery, type WebhookEndpoint, type WebhookSecretIssued,
} from "./webhooks-api";

/**
 * One owner's webhooks — an organisation's on the organisations page, a Professional account's on the account page:
 * register an endpoint, see its secret once, send a test event, rotate, read the delivery log.
 */

/** Whose webhooks the panel shows: the API base of the owner on show (null: none), and how the page reports a failure. */
export interface WebhookOwner {
  readonly bearer: string;
  base(): string | null;
  attempt(action: () => Promise<void>): Promise<void>;
}

export async function renderWebhooks(owner: WebhookOwner): Promise<void> {
  const base = owner.base();
  if (!base) return;
  const endpoints = (await listWebhooks(owner.bearer, base)).items;
  element("webhooks-empty").hidden = endpoints.length > 0;
  element("webhooks").replaceChildren(...endpoints.map((endpoint) => endpointItem(owner, base, endpoint)));
}

function endpointItem(owner: WebhookOwner, base: string, endpoint: WebhookEndpoint): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "webhook";
  const log = document.createElement("div");
  log.className = "table-scroll";
  const grace = endpoint.previousSecretValidUntil ? ` · previous secret valid until ${formatDate(endpoint.previousSecretValidUntil)}` : "";
  item.append(
    Object.assign(document.createElement("strong"), { className: "webhook-url", textContent: endpoint.url }),
    Object.assign(document.createElement("p"), { className: "hint", textContent: `${endpoint.events.join(", ")}${grace}` }),
    actions(
      button(owner, "Send test event", endpoint, async () => {
        const delivery = await sendWebhookTest(owner.bearer, base, endpoint.id);
        element("webhook-note").textContent = `Test event ${delivery.state}: ${delivery.lastStatus ?? delivery.lastError ?? ""}`;
        await showLog(owner, base, endpoint, log);
      }),
      button(owner, "Delivery log", endpoint, () => showLog(owner, base, endpoint, log)),
      button(owner, "Rotate secret", endpoint, async () => {
        showSecret(await rotateWebhookSecret(owner.bearer, base, endpoint.id), "The new secret signs from now on; the previous one too, for 24 hours.");
        await renderWebhooks(owner);
      }),
      button(owner, "Remove", endpoint, async () => {
        await deleteWebhook(owner.bearer, base, endpoint.id);
        await renderWebhooks(owner);
      }),
    ),
    log,
  );
  return item;
}

async function showLog(owner: WebhookOwner, base: string, endpoint: WebhookEndpoint, into: HTMLElement): Promise<void> {
  const deliveries = (await listWebhookDeliveries(owner.bearer, base, endpoint.id)).items;
  const table = document.createElement("table");
  table.className = "tokens";
  table.setAttribute("aria-label", `Deliveries to ${endpoint.url}`);
  const head = table.createTHead().insertRow();
  for (const title of ["When", "Event", "State", "Attempts", "Answer"]) {
    head.append(Object.assign(document.createElement("th"), { scope: "col", textContent: title }));
  }
  table.createTBody().append(...deliveries.map(deliveryRow));
  into.replaceChildren(deliveries.length > 0 ? table : Object.assign(document.createElement("p"), { className: "hint", textContent: "No deliveries yet." }));
}

function deliveryRow(delivery: WebhookDelivery): HTMLTableRowElement {
  const answer = delivery.lastStatus !== undefined ? `HTTP ${delivery.lastStatus}` : (delivery.lastError ?? "");
  const next = delivery.nextAttemptAt ? ` (next ${formatDate(delivery.nextAttemptAt)})` : "";
  return tableRow([formatDate(delivery.createdAt), delivery.eventType, delivery.state + next, String(delivery.attempts), answer]);
}

function showSecret(issued: WebhookSecretIssued, hint: string): void {
  const shown = element("webhook-secret");
  shown.hidden = false;
  shown.replaceChildren(
    Object.assign(document.createElement("p"), { textContent: `Signing secret for ${issued.endpoint.url} — copy it now, it is not shown again:` }),
    Object.assign(document.createElement("code"), { className: "secret", textContent: issued.secret }),
    Object.assign(document.createElement("p"), { className: "hint", textContent: hint }),
  );
}

function actions(...buttons: HTMLButtonElement[]): HTMLParagraphElement {
  const line = document.createElement("p");
  line.className = "dialog-actions";
  line.append(...buttons);
  return line;
}

function button(owner: WebhookOwner, label: string, endpoint: WebhookEndpoint, act: () => Promise<void>): HTMLButtonElement {
  const made = Object.assign(document.createElement("button"), { type: "button", className: "button", textContent: label });
  made.setAttribute("aria-label", `${label}: ${endpoint.url}`);
  made.addEventListener("click", () => void owner.attempt(act));
  return made;
}

export function wireWebhooks(owner: WebhookOwner): void {
  element("webhook-events").replaceChildren(...webhookEvents.map((type) => {
    const label = document.createElement("label");
    label.className = "checkbox";
    label.append(Object.assign(document.createElement("input"), { type: "checkbox", name: "event", value: type, checked: true }), ` ${type}`);
    return label;
  }));
  element<HTMLFormElement>("webhook-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const base = owner.base();
    if (!base) return;
    const url = element<HTMLInputElement>("webhook-url");
    const events = [...element("webhook-events").querySelectorAll<HTMLInputElement>("input:checked")].map((box) => box.value);
    void owner.attempt(async () => {
      showSecret(await registerWebhook(owner.bearer, base, url.value.trim(), events), "Verify each delivery's Webhook-Signature header with it.");
      url.value = "";
      await renderWebhooks(owner);
    });
  });
}
