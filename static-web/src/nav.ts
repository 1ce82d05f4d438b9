import { callApi } from "./api";
import { applyBranding } from "./branding";
import type { OrgSummary } from "./orgs-api";
import { currentSession, signOut } from "./session";
import { applySite, siteBrand } from "./site";

/** Shows "Sign in", or "Account" and "Sign out", in the header of every page, behind a menu button on a phone. */
export function renderAccountNav(nav: HTMLElement | null = document.querySelector("header nav")): void {
  if (!nav) return;
  collapseMenu(nav);
  nav.querySelector("[data-account]")?.remove();
  const slot = document.createElement("span");
  slot.dataset.account = "";
  slot.className = "account-nav";
  if (currentSession()) {
    const link = (href: string, text: string): HTMLAnchorElement => {
      const anchor = document.createElement("a");
      anchor.href = href;
      anchor.textContent = text;
      if (location.pathname.startsWith(href)) anchor.setAttribute("aria-current", "page");
      return anchor;
    };
    const out = document.createElement("button");
    out.type = "button";
    out.className = "link-button";
    out.textContent = "Sign out";
    out.addEventListener("click", () => {
      signOut();
      location.assign("/");
    });
    slot.append(link("/account", "Account"), link("/orgs", "Organisations"), link("/billing", "Billing"), link("/settings", "Settings"), out);
  } else {
    const signIn = document.createElement("a");
    signIn.href = "/signin";
    signIn.textContent = "Sign in";
    slot.append(signIn);
  }
  nav.append(slot);
  void siteBrand().then((site) => {
    applySite(site);
    // On CrewBuilder's own site a member of a branded organisation sees it beside CrewBuilder's (co-branding).
    const session = currentSession();
    if (site.whiteLabel || !session) return;
    // Type-only use of the organisations module keeps its key encryption out of every page's bundle.
    return callApi<{ items: OrgSummary[] }>("/api/orgs", { bearer: session.token }).then((orgs) => applyBranding(orgs.items.find((org) => org.branding?.displayName)?.branding));
  }).catch(() => undefined);
}

/**
 * On a narrow screen the stylesheet hides the links until the menu button opens them; the button says whether they are
 * open (aria-expanded), and Escape closes them again and returns to the button.
 */
export function collapseMenu(nav: HTMLElement): void {
  const header = nav.parentElement;
  if (!header || header.querySelector(".menu-button")) return;
  nav.id ||= "site-nav";
  const button = document.createElement("button");
  button.type = "button";
  button.className = "button menu-button";
  button.textContent = "Menu";
  button.setAttribute("aria-controls", nav.id);
  const setOpen = (open: boolean): void => {
    button.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  };
  setOpen(false);
  button.addEventListener("click", () => setOpen(button.getAttribute("aria-expanded") !== "true"));
  header.addEventListener("keydown", (event) => {
    if (event.key !== "Escape" || button.getAttribute("aria-expanded") !== "true") return;
    setOpen(false);
    button.focus();
  });
  nav.before(button);
}
