import "./styles.css";
import { element } from "./dom";
import { renderAccountNav } from "./nav";
import { renderAudit, renderGenerations, renderUsage, wireAudit } from "./orgs-activity";
import { acceptInvitation, can, createOrg, listOrgs, type OrgSummary } from "./orgs-api";
import { fillBranding, wireBranding } from "./orgs-branding";
import { renderHostnames, wireHostnames } from "./orgs-hostnames";
import { renderDedicatedAi, wireDedicatedAi } from "./orgs-dedicated-ai";
import { renderKeys, wireKeyForms } from "./orgs-keys";
import { keepInvitation, renderMembers, takeInvitation, wireInvitations } from "./orgs-members";
import { attempt, tell, type OrgsPage } from "./orgs-page";
import { currentSession } from "./session";
import { webhooksOf as webhooksBase } from "./webhooks-api";
import { renderWebhooks, wireWebhooks, type WebhookOwner } from "./webhooks-panel";

/** The organisation on show owns the webhooks panel. */
const webhooksOf = (page: OrgsPage): WebhookOwner => ({
  bearer: page.bearer,
  base: () => { const org = page.selected(); return org ? webhooksBase(org.id) : null; },
  attempt,
});

/** The organisations page: the list of one's organisations, and the one on show with the parts one's role may see. */

renderAccountNav();

const session = currentSession();
let selected: OrgSummary | null = null;
/** How many times an organisation was opened: the first load must not reopen another over what the person opened meanwhile. */
let opens = 0;

async function show(page: OrgsPage, orgId: string): Promise<void> {
  opens++;
  const orgs = (await listOrgs(page.bearer)).items;
  renderList(page, orgs);
  selected = orgs.find((org) => org.id === orgId) ?? null;
  element("org-detail").hidden = selected === null;
  if (!selected) return;
  const org = selected;
  const url = new URL(location.href);
  url.searchParams.set("org", org.id);
  history.replaceState(null, "", url);
  element("org-title").textContent = org.name;
  element("org-role").textContent = org.role;
  element("org-keys").hidden = !can.manage(org.role);
  element("org-audit").hidden = !can.readAudit(org.role);
  await renderMembers(page, org);
  element("org-dedicated-ai").hidden = !can.manage(org.role);
  if (can.manage(org.role)) {
    await renderKeys(page, org);
    await renderDedicatedAi(page, org);
  }
  if (can.readAudit(org.role)) {
    await renderUsage(page.bearer, org);
    await renderAudit(page.bearer, org);
  }
  element("org-branding").hidden = !can.manage(org.role);
  fillBranding(org);
  element("org-hostnames").hidden = !can.manage(org.role);
  if (can.manage(org.role)) await renderHostnames(page, org);
  element("org-webhooks").hidden = !can.manage(org.role);
  if (can.manage(org.role)) await renderWebhooks(webhooksOf(page));
  element("org-generations-panel").hidden = !can.manage(org.role);
  if (can.manage(org.role)) await renderGenerations(page.bearer, org);
}

function renderList(page: OrgsPage, orgs: OrgSummary[]): void {
  element("org-list").replaceChildren(...orgs.map((org) => {
    const item = document.createElement("li");
    const open = Object.assign(document.createElement("button"), { type: "button", className: "link-button inline-link", textContent: org.name });
    open.addEventListener("click", () => void attempt(() => page.show(org.id)));
    item.append(open, Object.assign(document.createElement("p"), { className: "hint", textContent: `Your role: ${org.role}` }));
    return item;
  }));
}

async function start(page: OrgsPage): Promise<void> {
  element("orgs").hidden = false;
  const token = takeInvitation();
  let opened = new URLSearchParams(location.search).get("org");
  if (token) {
    const joined = await acceptInvitation(page.bearer, token);
    tell(`You joined ${joined.name} as ${joined.role}.`);
    opened = joined.id;
  }
  const before = opens;
  const orgs = (await listOrgs(page.bearer)).items;
  renderList(page, orgs);
  if (opens === before && (opened ?? orgs[0]?.id)) await page.show(opened ?? orgs[0].id);
}

if (!session) {
  element("orgs-signed-out").hidden = false;
  const invitation = takeInvitation();
  if (invitation) {
    keepInvitation(invitation);
    tell("You have been invited to an organisation: sign in to join it.");
  }
} else {
  const page: OrgsPage = {
    bearer: session.token,
    selected: () => selected,
    show: (orgId) => show(page, orgId),
  };
  void attempt(() => start(page));
  element<HTMLFormElement>("create-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = element<HTMLInputElement>("org-name");
    void attempt(async () => {
      const org = await createOrg(page.bearer, name.value.trim());
      name.value = "";
      await page.show(org.id);
    });
  });
  wireInvitations(page);
  wireKeyForms(page);
  wireDedicatedAi(page);
  wireBranding(page);
  wireHostnames(page);
  wireAudit(page);
  wireWebhooks(webhooksOf(page));
}
