import { beforeEach, describe, expect, it } from "vitest";
import { formatPrice, rememberCredit, spendableCredit, storedCredits, usageLine, usagePercent, type Usage } from "../src/billing-api";

const usage = (overrides: Partial<Usage>): Usage => ({
  plan: "professional", planName: "Professional", subscriptionStatus: "active", used: 15, reserved: 0, limit: 50, remaining: 35,
  credits: 0, alerts: [], notifications: [], ...overrides,
});

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

describe("usage", () => {
  it("reads as used over limit this month", () => {
    expect(usageLine(usage({}))).toBe("15/50 generations this month");
    expect(usageLine(usage({ plan: "enterprise", limit: undefined, used: 3 }))).toBe("3 generations this month (no cap)");
    expect(usageLine(usage({ plan: "free", limit: undefined, used: 0 }))).toBe("Free plan: generations with your own key");
  });

  it("fills the bar with what is used and held", () => {
    expect(usagePercent(usage({ used: 8, reserved: 1, limit: 10 }))).toBe(90);
    expect(usagePercent(usage({ used: 12, limit: 10 }))).toBe(100);
    expect(usagePercent(usage({ limit: undefined }))).toBe(0);
  });

  it("prices in dollars, or custom", () => {
    expect(formatPrice(9900)).toBe("$99");
    expect(formatPrice(500)).toBe("$5");
    expect(formatPrice(1250)).toBe("$12.50");
    expect(formatPrice(undefined)).toBe("Custom");
  });
});

describe("paid generation claims", () => {
  beforeEach(() => localStorage.clear());

  it("keeps claims once each and ignores anything else in storage", () => {
    const storage = localStorage;
    rememberCredit("cbc_a.1", storage);
    rememberCredit("cbc_a.1", storage);
    rememberCredit("cbc_b.2", storage);
    expect(storedCredits(storage)).toEqual(["cbc_a.1", "cbc_b.2"]);
    storage.setItem("crewbuilder.credits", "{broken");
    expect(storedCredits(storage)).toEqual([]);
  });

  it("spends the first paid claim with generations left and forgets the used-up ones", async () => {
    const storage = localStorage;
    for (const claim of ["cbc_used.1", "cbc_pending.2", "cbc_paid.3"]) rememberCredit(claim, storage);
    const answers: Record<string, Response> = {
      "cbc_used.1": json(200, { creditId: "used", state: "paid", quantity: 1, remaining: 0 }),
      "cbc_pending.2": json(200, { creditId: "pending", state: "pending", quantity: 1, remaining: 0 }),
      "cbc_paid.3": json(200, { creditId: "paid", state: "paid", quantity: 2, remaining: 2 }),
    };
    const fetcher = (async (_url: string, init: RequestInit) => answers[JSON.parse(String(init.body)).credit as string]) as typeof fetch;

    const spendable = await spendableCredit(storage, fetcher);

    expect(spendable?.claim).toBe("cbc_paid.3");
    expect(storedCredits(storage)).toEqual(["cbc_pending.2", "cbc_paid.3"]);
  });
});
