import { getMe } from "./account-api";
import { element, formatDate, showError } from "./dom";
import { renderAudit } from "./orgs-activity";
import {
  can, invitationFrom, invitationLink, invite, listInvitations, listMembers, removeMember, resendInvitation, revokeInvitation, setRole,
  type Invitation, type OrgRole, type OrgSummary,
} from "./orgs-api";
import { attempt, memberEmails, type OrgsPage } from "./orgs-page";
import { fillTable, rowButton, type Cell } from "./table";
import { ApiProblem } from "./api";

/** The organisation's members and their roles, and the invitations (by e-mail address) that bring new ones in. */

const roles: OrgRole[] = ["owner", "admin", "member", "auditor"];
let myUserId: Promise<string> | null = null;

/** Nobody is offered a role menu or Remove on their own row: the server refuses a change of one's own role. */
export async function renderMembers(page: OrgsPage, org: OrgSummary): Promise<void> {
  myUserId ??= getMe(page.bearer).then((me) => me.id);
  const [members, me] = await Promise.all([listMembers(page.bearer, org.id).then((list) => list.items), myUserId]);
  for (const member of members) memberEmails.set(member.userId, member.email);
  fillTable(element("members"), members.map((member) => {
    const mine = member.userId === me;
    let roleCell: Cell = mine ? `${member.role} (you)` : member.role;
    if (can.manage(org.role) && !mine) {
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
    remove.hidden = !can.manage(org.role) || mine;
    return [member.email, roleCell, remove];
  }));
  element("invitations").hidden = !can.manage(org.role);
  if (can.manage(org.role)) await renderInvitations(page, org);
}

async function renderInvitations(page: OrgsPage, org: OrgSummary): Promise<void> {
  const pending = (await listInvitations(page.bearer, org.id)).items;
  element("invitations-empty").hidden = pending.length > 0;
  fillTable(element("pending-invitations"), pending.map((invitation) => [
    invitation.email, invitation.role, invitation.expired ? "Expired" : formatDate(invitation.expiresAt),
    actions(
      rowButton("Send again", `Send the invitation to ${invitation.email} again`, () => void attempt(async () => {
        showLink(await resendInvitation(page.bearer, org.id, invitation.id));
        await refresh(page, org);
      }), "button"),
      rowButton("Withdraw", `Withdraw the invitation to ${invitation.email}`, () => void attempt(async () => {
        await revokeInvitation(page.bearer, org.id, invitation.id);
        element("invitation").hidden = true;
        await refresh(page, org);
      })),
    ),
  ]));
}

function actions(...buttons: HTMLButtonElement[]): HTMLSpanElement {
  const group = document.createElement("span");
  group.className = "row-actions";
  group.append(...buttons);
  return group;
}

async function refresh(page: OrgsPage, org: OrgSummary): Promise<void> {
  await renderInvitations(page, org);
  await renderAudit(page.bearer, org);
}

/** The link of a new (or newly sent) invitation: shown in this page only, until the next one. */
function showLink(invitation: Invitation): void {
  element("invitation").hidden = false;
  element("invitation-email").textContent = invitation.email;
  element("invitation-link").textContent = invitationLink(location.origin, invitation.token);
  element("invitation-copied").textContent = "";
}

export function wireInvitations(page: OrgsPage): void {
  const form = element<HTMLFormElement>("invite-form");
  const email = element<HTMLInputElement>("invite-email");
  const error = element<HTMLParagraphElement>("invite-error");
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const address = email.value.trim();
    if (!email.checkValidity() || !address) {
      showError(error, "Enter the e-mail address of the person to invite, e.g. sam@example.com.");
      email.focus();
      return;
    }
    void attempt(async () => {
      const org = page.selected()!;
      try {
        showLink(await invite(page.bearer, org.id, address, element<HTMLSelectElement>("invite-role").value as OrgRole));
      } catch (problem) {
        if (!(problem instanceof ApiProblem) || problem.status !== 422) throw problem;
        showError(error, problem.explanation);
        return;
      }
      showError(error, null);
      email.value = "";
      await refresh(page, org);
    });
  });
  element<HTMLButtonElement>("copy-invitation").addEventListener("click", async () => {
    const status = element("invitation-copied");
    try {
      await navigator.clipboard.writeText(element("invitation-link").textContent ?? "");
      status.textContent = "Link copied to the clipboard.";
    } catch {
      status.textContent = "Copying failed; select the link and copy it yourself.";
    }
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
