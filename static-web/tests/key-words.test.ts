import { describe, expect, it } from "vitest";
import { forecastWords, optionPrice, type Allowance } from "../src/key-words";

const visitor: Allowance = { plan: null, credits: 0 };
const professional: Allowance = { plan: { limit: 50, remaining: 50 }, credits: 0 };
const forecast = { inputTokens: 9000, outputTokens: 3400, costUsd: 0.0312, standardModel: "gpt-4o-mini", advancedModel: "gpt-4.1" };

describe("optionPrice", () => {
  it("prices CrewBuilder Pro AI at $5, in a plan's allowance, or as a paid generation held", () => {
    expect(optionPrice("platform", visitor)).toBe("$5");
    expect(optionPrice("platform", { plan: { limit: 50, remaining: 49 }, credits: 0 })).toBe("included in your plan, 49 of 50 left");
    expect(optionPrice("platform", { plan: { limit: null, remaining: null }, credits: 0 })).toBe("included in your plan");
    expect(optionPrice("platform", { plan: null, credits: 1 })).toBe("paid generation, 1 left");
  });

  it("calls one's own key free without a plan, and says a plan counts it", () => {
    expect(optionPrice("openai", visitor)).toBe("free");
    expect(optionPrice("anthropic", professional)).toBe("counts against your plan");
  });
});

describe("forecastWords", () => {
  it("tells someone paying $5 or using their plan what it costs them, never CrewBuilder's own cost", () => {
    expect(forecastWords("platform", visitor, forecast, "openai", false)).toBe("$5, paid once with Stripe before the generation starts. No account or key needed.");
    expect(forecastWords("platform", professional, forecast, "openai", false)).toBe("Uses 1 of your 50 (49 left).");
    expect(forecastWords("platform", { plan: null, credits: 2 }, forecast, "openai", false)).toBe("Uses 1 of your 2 paid generations (1 left).");
    expect(forecastWords("platform", professional, forecast, "openai", false)).not.toContain("$0.03");
  });

  it("speaks of one's own provider's tokens and dollars with one's own key", () => {
    expect(forecastWords("openai", visitor, forecast, "openai", false)).toBe("Free on CrewBuilder; your OpenAI account pays for roughly 12,400 tokens, about $0.03.");
    expect(forecastWords("saved", professional, forecast, "anthropic", false)).toBe("Uses 1 of your 50 (49 left); your Anthropic account pays for roughly 12,400 tokens, about $0.03.");
    expect(forecastWords("organisation", professional, null, "openai", false)).toBe("Counts against your organisation's allowance.");
    expect(forecastWords("auto", visitor, null, "openai", false)).toBe("Free: template mode uses no AI.");
  });
});
