import "./styles.css";
import { ApiProblem, devSignIn, getAuthConfig } from "./api";
import { element, showError } from "./dom";
import { renderAccountNav } from "./nav";
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
    location.assign(new URLSearchParams(location.search).get("next") ?? "/account");
  } catch (problem) {
    showError(error, problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder.");
  }
});

const config = await getAuthConfig().catch(() => ({ devSignIn: false }));
element<HTMLElement>(config.devSignIn ? "dev-sign-in" : "no-sign-in").hidden = false;
