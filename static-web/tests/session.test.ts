import { beforeEach, describe, expect, it } from "vitest";
import { bearerFor, currentSession, generationToken, rememberGenerationToken, signIn, signOut } from "../src/session";

describe("session", () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  it("keeps a signed-in session until it expires", () => {
    signIn({ token: "jwt", expiresAt: "2030-01-01T00:00:00Z" });
    expect(currentSession(localStorage, Date.parse("2029-12-31T00:00:00Z"))?.token).toBe("jwt");
    expect(currentSession(localStorage, Date.parse("2030-01-02T00:00:00Z"))).toBeNull();
    expect(localStorage.length).toBe(0);
  });

  it("forgets the session on sign-out", () => {
    signIn({ token: "jwt", expiresAt: "2999-01-01T00:00:00Z" });
    signOut();
    expect(currentSession()).toBeNull();
  });

  it("reads a generation with the person's token when signed in, else with that generation's access token", () => {
    rememberGenerationToken("g1", "cbg_one");
    expect(generationToken("g1")).toBe("cbg_one");
    expect(bearerFor("g1")).toBe("cbg_one");
    expect(bearerFor("g2")).toBeNull();
    signIn({ token: "jwt", expiresAt: "2999-01-01T00:00:00Z" });
    expect(bearerFor("g1")).toBe("jwt");
  });

  it("keeps a generation's access token for every tab of this browser, not just the one that started it", () => {
    rememberGenerationToken("g1", "cbg_one");
    expect(localStorage.getItem("crewbuilder.generation.g1")).toBe("cbg_one");
    expect(sessionStorage.length).toBe(0);
  });

  it("treats a damaged session entry as signed out", () => {
    localStorage.setItem("crewbuilder.session", "{not json");
    expect(currentSession()).toBeNull();
  });
});
