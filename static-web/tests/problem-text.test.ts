import { describe, expect, it } from "vitest";
import { ApiProblem } from "../src/api";
import { isKeyProblem, problemParts } from "../src/problem-text";

describe("problemParts", () => {
  it("turns the quota refusal's next step into a link to buy a single generation", () => {
    expect(problemParts("You have used all 50 generations of your Professional plan this period. It renews on 1 January 2027; or buy a single generation."))
      .toEqual([
        "You have used all 50 generations of your Professional plan this period. It renews on 1 January 2027; or ",
        { text: "buy a single generation", href: "/pricing#plan-generation" },
        ".",
      ]);
  });

  it("links Billing and Settings where a sentence sends the person there, and leaves other sentences whole", () => {
    expect(problemParts("Update your payment method under Billing to start new generations.")[1]).toEqual({ text: "under Billing", href: "/billing" });
    expect(problemParts("Your saved key was rejected; fix it in Settings.")[1]).toEqual({ text: "Settings", href: "/settings" });
    expect(problemParts("An OpenAI key starts with sk- and has no spaces.")).toEqual(["An OpenAI key starts with sk- and has no spaces."]);
  });
});

describe("isKeyProblem", () => {
  it("sends payment, quota and key refusals beside the key choice, and the requirement's own beside the requirement", () => {
    expect(isKeyProblem(new ApiProblem(402, "Your last payment did not go through.", undefined, {}))).toBe(true);
    expect(isKeyProblem(new ApiProblem(429, "Your plan's generations are used up.", undefined, {}))).toBe(true);
    expect(isKeyProblem(new ApiProblem(422, "Invalid", undefined, { keySource: ["Save a key first."] }))).toBe(true);
    expect(isKeyProblem(new ApiProblem(429, "Too many generations this hour.", undefined, {}))).toBe(false);
    expect(isKeyProblem(new ApiProblem(422, "Invalid", undefined, { requirement: ["Too short."] }))).toBe(false);
  });
});
