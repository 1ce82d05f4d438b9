import type { Forecast } from "./generations-api";
import { providerNames, type Provider } from "./keys";

/**
 * What each key choice costs the person, in their own currency: a paid generation, their plan's allowance, their
 * organisation's, or their own provider's tokens and dollars. Pure, so that the words can be checked on their own.
 */

/** What the person has to spend: their plan's generations this period (a cap, or none), and paid generations held here. */
export interface Allowance {
  /** The plan includes CrewBuilder Pro AI and counts every generation; null without a plan. */
  plan: { limit: number | null; remaining: number | null } | null;
  /** Paid one-off generations this browser holds. */
  credits: number;
}

export type Choice = "platform" | "saved" | "organisation" | "openai" | "anthropic" | "auto";

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 ? "" : "s"}`;

/** "uses 1 of your 50 (49 left)"; "included in your plan" when it has no cap. */
export function planUse(plan: NonNullable<Allowance["plan"]>): string {
  if (plan.limit === null || plan.remaining === null) return "included in your plan";
  return `uses 1 of your ${plan.limit} (${Math.max(0, plan.remaining - 1)} left)`;
}

/** The words after an option's name: what choosing it costs, before any forecast. */
export function optionPrice(choice: Choice, allowance: Allowance): string {
  if (choice === "platform") {
    if (allowance.credits > 0) return `paid generation, ${allowance.credits} left`;
    if (allowance.plan?.limit !== undefined && allowance.plan.limit !== null && allowance.plan.remaining !== null) {
      return `included in your plan, ${allowance.plan.remaining} of ${allowance.plan.limit} left`;
    }
    return allowance.plan ? "included in your plan" : "$5";
  }
  if (choice === "organisation") return "its allowance";
  return allowance.plan ? "counts against your plan" : "free";
}

const tokensOf = (forecast: Forecast): string => (forecast.inputTokens + forecast.outputTokens).toLocaleString("en-US");

const dollarsOf = (forecast: Forecast): string =>
  forecast.costUsd !== undefined && forecast.costUsd !== null ? `, about $${forecast.costUsd.toFixed(2)}` : "";

/**
 * The forecast line for a choice: what it costs the person. Only one's own key (or an organisation's) speaks of
 * tokens and dollars, because only there does the person's provider bill them; CrewBuilder's own cost is never shown.
 */
export function forecastWords(
  choice: Choice, allowance: Allowance, forecast: Forecast | null, provider: Provider, serverKey: boolean,
): string {
  const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
  if (choice === "platform") {
    if (allowance.credits > 0) return `Uses 1 of your ${plural(allowance.credits, "paid generation")} (${allowance.credits - 1} left).`;
    if (allowance.plan) return `${capitalised(planUse(allowance.plan))}.`;
    return "$5, paid once with Stripe before the generation starts. No account or key needed.";
  }
  if (choice === "auto") {
    return serverKey ? "Free: this server's own key designs the crew." : "Free: template mode uses no AI.";
  }
  const base = choice === "organisation"
    ? "Counts against your organisation's allowance"
    : allowance.plan ? capitalised(planUse(allowance.plan)) : "Free on CrewBuilder";
  if (!forecast) return `${base}.`;
  const whose = choice === "organisation" ? "the organisation's" : "your";
  return `${base}; ${whose} ${providerNames[provider]} account pays for roughly ${tokensOf(forecast)} tokens${dollarsOf(forecast)}.`;
}
