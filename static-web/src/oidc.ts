/**
 * Sign-in with the configured OIDC issuer (Microsoft Entra External ID in production): the authorization
 * code flow with PKCE, as a public single-page client. Nothing here is secret; the verifier lives in this
 * tab's session storage only until the issuer sends the person back.
 */
import type { Session } from "./session";

export interface OidcSettings {
  authority: string;
  clientId: string;
  scope: string;
}

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

interface PendingSignIn {
  state: string;
  verifier: string;
  redirectUri: string;
  next: string;
}

const PENDING_KEY = "crewbuilder.oidc.pending";

export function randomString(bytes = 32): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

export function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export async function challengeFor(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return base64Url(new Uint8Array(digest));
}

async function discover(authority: string, fetcher: typeof fetch): Promise<Discovery> {
  const response = await fetcher(`${authority.replace(/\/$/, "")}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error("The sign-in service could not be reached.");
  return (await response.json()) as Discovery;
}

/** The issuer's sign-in page for this person, remembering what is needed to finish when they come back. */
export async function beginSignIn(
  settings: OidcSettings,
  redirectUri: string,
  next: string,
  storage: Storage = sessionStorage,
  fetcher: typeof fetch = fetch,
): Promise<string> {
  const discovery = await discover(settings.authority, fetcher);
  const pending: PendingSignIn = { state: randomString(16), verifier: randomString(32), redirectUri, next };
  storage.setItem(PENDING_KEY, JSON.stringify(pending));
  const url = new URL(discovery.authorization_endpoint);
  url.search = new URLSearchParams({
    client_id: settings.clientId,
    response_type: "code",
    redirect_uri: redirectUri,
    scope: `openid profile email ${settings.scope}`.trim(),
    state: pending.state,
    code_challenge: await challengeFor(pending.verifier),
    code_challenge_method: "S256",
  }).toString();
  return url.toString();
}

/** Exchanges the code the issuer sent back for an access token; refuses a state it did not send. */
export async function finishSignIn(
  settings: OidcSettings,
  params: URLSearchParams,
  storage: Storage = sessionStorage,
  fetcher: typeof fetch = fetch,
  now = Date.now(),
): Promise<{ session: Session; next: string }> {
  const pending = JSON.parse(storage.getItem(PENDING_KEY) ?? "null") as PendingSignIn | null;
  storage.removeItem(PENDING_KEY);
  if (params.get("error")) throw new Error(params.get("error_description") ?? "Sign-in was cancelled.");
  if (!pending || params.get("state") !== pending.state || !params.get("code")) {
    throw new Error("This sign-in link is not the one this page started; please sign in again.");
  }
  const discovery = await discover(settings.authority, fetcher);
  const response = await fetcher(discovery.token_endpoint, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: settings.clientId,
      code: params.get("code") ?? "",
      redirect_uri: pending.redirectUri,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error("The sign-in service refused the sign-in; please try again.");
  const tokens = (await response.json()) as { access_token: string; expires_in: number };
  return {
    session: { token: tokens.access_token, expiresAt: new Date(now + tokens.expires_in * 1000).toISOString() },
    next: pending.next,
  };
}
