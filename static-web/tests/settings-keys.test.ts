import { describe, expect, it } from "vitest";
import { describeSaved, describeTyped } from "../src/settings-keys";

describe("describeSaved", () => {
  it("leads with the status a person looks for, then the masked key", () => {
    const saved = { provider: "openai" as const, masked: "sk-…0000", createdAt: "2026-12-01T10:00:00Z" };

    expect(describeSaved({ ...saved, status: "connected" })).toMatch(/^✅ Connected · sk-…0000 · saved /);
    expect(describeSaved({ ...saved, status: "untested" })).toMatch(/^Saved, not tested yet · sk-…0000/);
    expect(describeSaved({ ...saved, status: "invalid" })).toMatch(/^❌ Rejected by the provider · sk-…0000/);
    expect(describeSaved(undefined)).toBe("No key saved.");
  });
});

describe("describeTyped", () => {
  it("says what the provider said of a key not saved yet, and what to do next", () => {
    expect(describeTyped("anthropic", "connected")).toBe("✅ Connected: Anthropic accepted this key. Save it to use it.");
    expect(describeTyped("openai", "invalid")).toContain("❌ Rejected: OpenAI did not accept this key");
    expect(describeTyped("openai", "unreachable")).toContain("OpenAI could not be reached, so this key is not tested yet");
  });
});
