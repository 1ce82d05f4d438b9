import { callApi, headers, type Page } from "./api";

/** Billing, plans and usage as the API describes them, and the paid-generation claims this browser holds. */

export interface PlanOffer {
  id: string;
  name: string;
  priceCents?: number;
  generationsPerPeriod?: number;
  models: string;
  extras: string[];
  purchasable: boolean;
}

export interface Usage {
  plan: string;
  planName: string;
  subscriptionStatus: string;
  used: number;
  reserved: number;
  limit?: number;
  remaining?: number;
  credits: number;
  periodStart?: string;
  periodEnd?: string;
  alerts: string[];
  /** The latest alerts sent: quota and spend thresholds crossed. */
  notifications: { kind: string; message: string; at: string }[];
}

export interface UsageRecord {
  generationId: string;
  time: string;
  outcome: string;
  keySource: string;
  provider?: string;
  model?: string;
  tokensIn: number;
  tokensOut: number;
  estimatedCostUsd?: number;
  durationSeconds: number;
  chargedTo: string;
}

export interface Credit {
  creditId: string;
  state: "pending" | "paid" | "refunded";
  quantity: number;
  remaining: number;
  expiresAt?: string;
}

export interface Redirect {
  url: string;
  credit?: string;
}

export const getPlans = (): Promise<{ plans: PlanOffer[] }> => callApi("/api/billing/plans");

export const subscribe = (bearer: string, plan: string): Promise<Redirect> =>
  callApi<Redirect>("/api/billing/checkout", { method: "POST", body: JSON.stringify({ plan }), bearer });

export const buyGenerations = (bearer: string | null, quantity: number): Promise<Redirect> =>
  callApi<Redirect>("/api/billing/checkout", { method: "POST", body: JSON.stringify({ mode: "generation", quantity }), bearer });

export const openPortal = (bearer: string): Promise<Redirect> => callApi<Redirect>("/api/billing/portal", { method: "POST", bearer });

export const lookupCredit = (credit: string, fetcher: typeof fetch = fetch): Promise<Credit> =>
  callApi<Credit>("/api/billing/credits/lookup", { method: "POST", body: JSON.stringify({ credit }) }, fetcher);

export const getUsage = (bearer: string): Promise<Usage> => callApi<Usage>("/api/usage", { bearer });

export function getUsageHistory(bearer: string, continuationToken?: string): Promise<Page<UsageRecord>> {
  const query = new URLSearchParams({ pageSize: "20" });
  if (continuationToken) query.set("continuationToken", continuationToken);
  return callApi<Page<UsageRecord>>(`/api/usage/history?${query}`, { bearer });
}

export async function exportUsage(bearer: string, fetcher: typeof fetch = fetch): Promise<Blob> {
  const response = await fetcher("/api/usage/history/export", { headers: headers(bearer) });
  if (!response.ok) throw new Error(`The export failed (${response.status}).`);
  return response.blob();
}

/** "$99", "$5", or "Custom" for a contract. */
export const formatPrice = (cents: number | undefined): string =>
  cents === undefined || cents === null ? "Custom" : `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)}`;

/** "15/50 generations this month", "3 generations this month" (no cap), or what a free account can do. */
export function usageLine(usage: Usage): string {
  if (usage.limit === undefined || usage.limit === null) {
    return usage.plan === "free" ? "Free plan: generations with your own key" : `${usage.used} generations this month (no cap)`;
  }
  return `${usage.used}/${usage.limit} generations this month`;
}

/** How full the period is, 0 to 100, for a usage bar. */
export const usagePercent = (usage: Usage): number =>
  usage.limit ? Math.min(100, Math.round(((usage.used + usage.reserved) * 100) / usage.limit)) : 0;

const CREDITS_KEY = "crewbuilder.credits";

/** The paid-generation claims this browser bought; they are what spends them, so they are kept until used up. */
export function storedCredits(storage: Storage = localStorage): string[] {
  try {
    const claims = JSON.parse(storage.getItem(CREDITS_KEY) ?? "[]") as unknown;
    return Array.isArray(claims) ? claims.filter((claim): claim is string => typeof claim === "string" && claim.startsWith("cbc_")) : [];
  } catch {
    return [];
  }
}

export function rememberCredit(claim: string, storage: Storage = localStorage): void {
  storage.setItem(CREDITS_KEY, JSON.stringify([...new Set([...storedCredits(storage), claim])]));
}

export function forgetCredit(claim: string, storage: Storage = localStorage): void {
  storage.setItem(CREDITS_KEY, JSON.stringify(storedCredits(storage).filter((stored) => stored !== claim)));
}

/**
 * The first stored claim that can still be spent (forgetting the spent ones), or a pending one still waiting for
 * its payment to be confirmed; null when there is neither.
 */
export async function spendableCredit(
  storage: Storage = localStorage, fetcher: typeof fetch = fetch,
): Promise<{ claim: string; credit: Credit } | null> {
  let pending: { claim: string; credit: Credit } | null = null;
  for (const claim of storedCredits(storage)) {
    const credit = await lookupCredit(claim, fetcher).catch(() => null);
    if (credit?.state === "paid" && credit.remaining > 0) return { claim, credit };
    if (credit?.state === "pending") pending ??= { claim, credit };
    else if (credit === null || credit.remaining === 0) forgetCredit(claim, storage);
  }
  return pending;
}
