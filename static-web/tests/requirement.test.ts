import { describe, expect, it } from "vitest";
import { longPasteWarning, MAX_LENGTH, requirementFeedback } from "../src/requirement";

describe("requirementFeedback", () => {
  it("asks for a description when empty", () => {
    expect(requirementFeedback("   ")).toEqual({ valid: false, message: "Describe what the crew should do (at least 20 characters)." });
  });

  it("counts the characters still needed, ignoring surrounding spaces", () => {
    expect(requirementFeedback("  sixteen chars!!  ").message).toBe("5 more characters needed.");
    expect(requirementFeedback("x".repeat(19)).message).toBe("1 more character needed.");
  });

  it("accepts 20 to 10,000 characters and shows the count", () => {
    expect(requirementFeedback("x".repeat(20))).toEqual({ valid: true, message: "20 / 10,000 characters" });
    expect(requirementFeedback("x".repeat(MAX_LENGTH)).valid).toBe(true);
  });

  it("says how much too long a requirement is", () => {
    expect(requirementFeedback("x".repeat(MAX_LENGTH + 1234))).toEqual({
      valid: false,
      message: "1,234 characters too long (at most 10,000).",
    });
  });

  it("warns of a paste past the limit without cutting it, and says nothing of one that fits", () => {
    expect(longPasteWarning("x".repeat(20_000))).toBe(
      "That paste makes the requirement 20,000 characters, and CrewBuilder reads at most 10,000. Nothing was cut: shorten it to what the crew needs before generating.",
    );
    expect(longPasteWarning("x".repeat(MAX_LENGTH))).toBeNull();
  });
});
