import { describe, expect, it } from "vitest";
import { availabilityLine } from "../src/orgs-api";
import { percent, summary, type StatusReport } from "../src/status-api";

const report = (states: [string, StatusReport["state"]][], state: StatusReport["state"]): StatusReport => ({
  state,
  dependencies: states.map(([name, dependencyState]) => ({ id: name.toLowerCase(), name, state: dependencyState })),
  generationLatency: { last24h: { generations: 0 }, last30d: { generations: 0 } },
});

describe("the status page's words", () => {
  it("names what is down before what is slow, and says when nothing was measured", () => {
    expect(summary(report([["Stripe payments", "down"], ["OpenAI", "degraded"]], "down"))).toBe("Down: Stripe payments.");
    expect(summary(report([["Table storage", "up"], ["OpenAI", "degraded"]], "up"))).toBe("Everything answers; slow: OpenAI.");
    expect(summary(report([["Table storage", "up"], ["Anthropic", "notConfigured"]], "up"))).toBe("Everything answers.");
    expect(summary(report([], "unknown"))).toMatch(/^Not measured yet/);
  });

  it("writes availability as a percentage, whole at 100", () => {
    expect([percent(100), percent(99.9456), percent(undefined)]).toEqual(["100 %", "99.95 %", "not measured"]);
  });

  it("compares an organisation's measured availability with its contract's target", () => {
    const period = { from: "2026-11-01T00:00:00Z", to: "2026-11-16T12:30:00Z" };
    expect(availabilityLine({ targetPercent: 99.9, measuredPercent: 75, met: false, ...period })).toContain("75 % measured against a target of 99.9 % (below target)");
    expect(availabilityLine({ targetPercent: 70, measuredPercent: 75, met: true, ...period })).toContain("(target met)");
    expect(availabilityLine({ targetPercent: 99.9, ...period })).toBe("Availability target 99.9 %: not measured yet this period.");
  });
});
