import { callApi } from "./api";

/** The API of one owner's webhooks: a Professional account's (`/api/webhooks`) or an organisation's (`/api/orgs/{id}/webhooks`). */

export const webhookEvents = ["generation.completed", "generation.failed", "key.rotation_due", "usage.threshold"] as const;

export interface WebhookEndpoint {
  id: string;
  url: string;
  events: string[];
  createdAt: string;
  previousSecretValidUntil?: string;
}

export interface WebhookSecretIssued {
  endpoint: WebhookEndpoint;
  secret: string;
}

export interface WebhookDelivery {
  id: string;
  eventId: string;
  eventType: string;
  state: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus?: number;
  lastError?: string;
  createdAt: string;
  nextAttemptAt?: string;
}

export const webhooksOf = (orgId: string | null): string => (orgId ? `/api/orgs/${encodeURIComponent(orgId)}/webhooks` : "/api/webhooks");

const one = (base: string, id: string): string => `${base}/${encodeURIComponent(id)}`;

export const listWebhooks = (bearer: string, base: string): Promise<{ items: WebhookEndpoint[] }> => callApi(base, { bearer });
export const registerWebhook = (bearer: string, base: string, url: string, events: string[]): Promise<WebhookSecretIssued> =>
  callApi(base, { method: "POST", body: JSON.stringify({ url, events }), bearer });
export const deleteWebhook = (bearer: string, base: string, id: string): Promise<void> => callApi(one(base, id), { method: "DELETE", bearer });
export const rotateWebhookSecret = (bearer: string, base: string, id: string): Promise<WebhookSecretIssued> =>
  callApi(`${one(base, id)}/secret`, { method: "POST", bearer });
export const sendWebhookTest = (bearer: string, base: string, id: string): Promise<WebhookDelivery> =>
  callApi(`${one(base, id)}/test`, { method: "POST", bearer });
export const listWebhookDeliveries = (bearer: string, base: string, id: string): Promise<{ items: WebhookDelivery[] }> =>
  callApi(`${one(base, id)}/deliveries`, { bearer });
