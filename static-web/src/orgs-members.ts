import { element } from "./dom";
import { renderAudit } from "./orgs-activity";
import { can, invitationFrom, invitationLink, invite, listMembers, removeMember, setRole, type OrgRole, type OrgSummary } from "./orgs-api";
import { attempt, memberEmails, type OrgsPage } from "./orgs-page";
import { fillTable, rowButton, type Cell } from "./table";

/** The organisation's members and their roles, and the invitations that bring new ones in. */

const roles: OrgRole[] = ["owner", "admin", "member", "auditor"];

export async function renderMembers(page: OrgsPage, org: OrgSummary): Promise<void> {
  const members = (await listMembers(page.bearer, org.id)).items;
  for (const member of members) memberEmails.set(member.userId, member.email);
  fillTable(element("members"), members.map((member) => {
    let roleCell: Cell = member.role;
    if (can.manage(org.role)) {
      const select = document.createElement("select");
      select.setAttribute("aria-label", `Role of ${member.email}`);
      select.append(...roles.map((role) => new Option(role, role, false, role === member.role)));
      select.addEventListener("change", () => void attempt(async () => {
        await setRole(page.bearer, org.id, member.userId, select.value as OrgRole);
        await page.show(org.id);
      }));
      roleCell = select;
    }
    const remove = rowButton("Remove", `Remove ${member.email}`, () => void attempt(async () => {
      await removeMember(page.bearer, org.id, member.userId);
      await page.show(org.id);
    }));
    remove.hidden = !can.manage(org.role);
    return [member.email, roleCell, remove];
  }));
}

export function wireInvitations(page: OrgsPage): void {
  element<HTMLFormElement>("invite-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const created = await invite(page.bearer, page.selected()!.id, element<HTMLSelectElement>("invite-role").value as OrgRole);
      element("invitation").hidden = false;
      element("invitation-link").textContent = invitationLink(location.origin, created.token);
      await renderAudit(page.bearer, page.selected()!);
    });
  });
}

const PENDING_INVITATION = "crewbuilder.pendingInvitation";

/**
 * The invitation this visit came with: read from the link's fragment (then removed from the address bar), or kept
 * for this tab while its visitor signed in. It never goes into a URL a server sees.
 */
export function takeInvitation(): string | null {
  const fromLink = invitationFrom(location.hash);
  if (fromLink) history.replaceState(null, "", location.pathname + location.search);
  const token = fromLink ?? sessionStorage.getItem(PENDING_INVITATION);
  sessionStorage.removeItem(PENDING_INVITATION);
  return token;
}

/** Keeps the invitation for this tab until its visitor has signed in. */
export const keepInvitation = (token: string): void => sessionStorage.setItem(PENDING_INVITATION, token);
