import { currentSession, signOut } from "./session";

/** Shows "Sign in", or "Account" and "Sign out", in the header of every page. */
export function renderAccountNav(nav: HTMLElement | null = document.querySelector("header nav")): void {
  if (!nav) return;
  nav.querySelector("[data-account]")?.remove();
  const slot = document.createElement("span");
  slot.dataset.account = "";
  slot.className = "account-nav";
  if (currentSession()) {
    const account = document.createElement("a");
    account.href = "/account";
    account.textContent = "Account";
    if (location.pathname.startsWith("/account")) account.setAttribute("aria-current", "page");
    const settings = document.createElement("a");
    settings.href = "/settings";
    settings.textContent = "Settings";
    if (location.pathname.startsWith("/settings")) settings.setAttribute("aria-current", "page");
    const out = document.createElement("button");
    out.type = "button";
    out.className = "link-button";
    out.textContent = "Sign out";
    out.addEventListener("click", () => {
      signOut();
      location.assign("/");
    });
    slot.append(account, settings, out);
  } else {
    const signIn = document.createElement("a");
    signIn.href = "/signin";
    signIn.textContent = "Sign in";
    slot.append(signIn);
  }
  nav.append(slot);
}
