import "./styles.css";
import { ApiProblem } from "./api";
import { devSignIn, getAuthConfig } from "./account-api";
import { element, showError } from "./dom";
import { renderAccountNav } from "./nav";
import { beginSignIn, finishSignIn, type OidcSettings } from "./oidc";
import { signIn } from "./session";

renderAccountNav();

const form = element<HTMLFormElement>("dev-form");
const error = element<HTMLParagraphElement>("sign-in-error");

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  const data = new FormData(form);
  const email = String(data.get("email") ?? "").trim();
  if (!email.includes("@")) {
    showError(error, "Enter an e-mail address.");
    element<HTMLInputElement>("email").focus();
    return;
  }
  try {
    const session = await devSignIn(email, String(data.get("displayName") ?? "").trim(), String(data.get("plan")));
    signIn(session);
    location.assign(next);
  } catch (problem) {
    showError(error, problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder.");
  }
});

/** Where to go after signing in: a path on this site only, never another site (no open redirect). */
const requested = new URLSearchParams(location.search).get("next") ?? "";
const next = /^\/(?![/\\])/.test(requested) ? requested : "/account";
const config = await getAuthConfig().catch(() => ({ devSignIn: false }) as Awaited<ReturnType<typeof getAuthConfig>>);
const oidc: OidcSettings | null =
  config.authority && config.clientId ? { authority: config.authority, clientId: config.clientId, scope: config.scope ?? "" } : null;
const redirectUri = `${location.origin}/signin`;
const params = new URLSearchParams(location.search);

if (oidc && (params.has("code") || params.has("error"))) {
  try {
    const finished = await finishSignIn(oidc, params);
    signIn(finished.session);
    location.replace(finished.next);
  } catch (problem) {
    element<HTMLElement>("oidc-sign-in").hidden = false;
    showError(element("oidc-error"), problem instanceof Error ? problem.message : "Sign-in failed.");
  }
} else {
  element<HTMLElement>("oidc-sign-in").hidden = !oidc;
  element<HTMLElement>("dev-sign-in").hidden = !config.devSignIn;
  element<HTMLElement>("no-sign-in").hidden = Boolean(oidc) || config.devSignIn;
}

element<HTMLButtonElement>("oidc-button").addEventListener("click", async () => {
  if (!oidc) return;
  try {
    location.assign(await beginSignIn(oidc, redirectUri, next));
  } catch (problem) {
    showError(element("oidc-error"), problem instanceof Error ? problem.message : "Sign-in failed.");
  }
});
