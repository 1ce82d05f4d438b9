import { beforeEach, describe, expect, it } from "vitest";
import { beginSignIn, challengeFor, finishSignIn } from "../src/oidc";

const settings = { authority: "https://issuer.example/tenant/", clientId: "spa-client", scope: "api://crewbuilder/access" };

const discovery = (async (url: string) => {
  expect(url).toBe("https://issuer.example/tenant/.well-known/openid-configuration");
  return new Response(JSON.stringify({ authorization_endpoint: "https://issuer.example/authorize", token_endpoint: "https://issuer.example/token" }));
}) as typeof fetch;

describe("PKCE", () => {
  beforeEach(() => sessionStorage.clear());

  it("derives the S256 challenge of RFC 7636's example verifier", async () => {
    expect(await challengeFor("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("sends the person to the issuer with the client, scope, state and challenge", async () => {
    const url = new URL(await beginSignIn(settings, "https://crewbuilder.example/signin", "/account", sessionStorage, discovery));
    expect(url.origin + url.pathname).toBe("https://issuer.example/authorize");
    expect(url.searchParams.get("client_id")).toBe("spa-client");
    expect(url.searchParams.get("response_type")).toBe("code");
    expect(url.searchParams.get("scope")).toBe("openid profile email api://crewbuilder/access");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    const pending = JSON.parse(sessionStorage.getItem("crewbuilder.oidc.pending")!);
    expect(url.searchParams.get("state")).toBe(pending.state);
    expect(url.searchParams.get("code_challenge")).toBe(await challengeFor(pending.verifier));
  });

  it("exchanges the code with the verifier and keeps the access token until it expires", async () => {
    const url = new URL(await beginSignIn(settings, "https://crewbuilder.example/signin", "/account", sessionStorage, discovery));
    const verifier = JSON.parse(sessionStorage.getItem("crewbuilder.oidc.pending")!).verifier;
    let sent: URLSearchParams | undefined;
    const fetcher = (async (input: string, init?: RequestInit) => {
      if (input.endsWith("openid-configuration")) return discovery(input);
      sent = new URLSearchParams(String(init?.body));
      return new Response(JSON.stringify({ access_token: "jwt", expires_in: 3600 }));
    }) as typeof fetch;

    const result = await finishSignIn(settings, new URLSearchParams({ code: "abc", state: url.searchParams.get("state")! }), sessionStorage, fetcher, 0);

    expect(sent?.get("code_verifier")).toBe(verifier);
    expect(sent?.get("grant_type")).toBe("authorization_code");
    expect(result).toEqual({ session: { token: "jwt", expiresAt: "1970-01-01T01:00:00.000Z" }, next: "/account" });
    expect(sessionStorage.getItem("crewbuilder.oidc.pending")).toBeNull();
  });

  it("refuses an answer whose state this page did not send", async () => {
    await beginSignIn(settings, "https://crewbuilder.example/signin", "/account", sessionStorage, discovery);
    await expect(finishSignIn(settings, new URLSearchParams({ code: "abc", state: "forged" }), sessionStorage, discovery)).rejects.toThrow(
      "not the one this page started",
    );
  });
});
