import { beforeEach, describe, expect, it } from "vitest";
import { bearerFor, currentSession, generationToken, rememberGenerationToken, resultLink, signIn, signOut, takeTokenFromLink } from "../src/session";

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

  it("reads a generation made without an account with its own access token, also once signed in, and any other with the person's", () => {
    rememberGenerationToken("g1", "cbg_one");
    expect(generationToken("g1")).toBe("cbg_one");
    expect(bearerFor("g1")).toBe("cbg_one");
    expect(bearerFor("g2")).toBeNull();
    signIn({ token: "jwt", expiresAt: "2999-01-01T00:00:00Z" });
    expect(bearerFor("g1")).toBe("cbg_one");
    expect(bearerFor("g2")).toBe("jwt");
    expect(bearerFor()).toBe("jwt");
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

  it("puts an anonymous result's access token in the link's fragment, and a signed-in one's link carries none", () => {
    rememberGenerationToken("g 1", "cbg_secret/+");
    expect(resultLink("g 1", "https://crew.example")).toBe("https://crew.example/generate?id=g%201#token=cbg_secret%2F%2B");
    expect(resultLink("g2", "https://crew.example")).toBe("https://crew.example/generate?id=g2");
  });

  it("keeps the token a link brought for the generation it names, and gives the address back without it", () => {
    const cleaned = takeTokenFromLink("https://crew.example/generate?id=g7#token=cbg_secret%2F%2B");
    expect(generationToken("g7")).toBe("cbg_secret/+");
    expect(cleaned).toBe("https://crew.example/generate?id=g7");
    expect(takeTokenFromLink("https://crew.example/generate?id=g8")).toBeNull();
  });
});
