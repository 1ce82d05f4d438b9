import "./styles.css";
import { ApiProblem } from "./api";
import { element, formatDate, showError } from "./dom";
import { keyProblem, providerNames, type Provider, type SavedKey } from "./keys";
import { renderAccountNav } from "./nav";
import {
  acceptInvitation, can, createOrg, exportAudit, getKeyVault, getOrgUsage, getRotation, listOrgGenerations, setKeyVault, invitationFrom, invitationLink, invite, listAudit, listMembers, listOrgKeys, listOrgs,
  removeMember, removeOrgKey, rotateOrgKey, saveOrgKey, setBranding, setRole, setRotationPolicy, stageOrgKey, verifyAudit, type OrgRole, type OrgSummary,
  type RotationStatus,
} from "./orgs-api";
import { currentSession } from "./session";

renderAccountNav();

const error = element<HTMLParagraphElement>("orgs-error");
const note = element<HTMLParagraphElement>("orgs-note");
const session = currentSession();
const roles: OrgRole[] = ["owner", "admin", "member", "auditor"];
let selected: OrgSummary | null = null;
/** Members' e-mail addresses by user id, so the audit log names people rather than ids. */
const emails = new Map<string, string>();

const explain = (problem: unknown): string => (problem instanceof ApiProblem ? problem.explanation : "CrewBuilder could not be reached; please try again.");

async function attempt(action: () => Promise<void>): Promise<void> {
  showError(error, null);
  try {
    await action();
  } catch (problem) {
    showError(error, explain(problem));
  }
}

function cell(content: string | Node): HTMLTableCellElement {
  const td = document.createElement("td");
  td.append(content);
  return td;
}

async function renderMembers(bearer: string, org: OrgSummary): Promise<void> {
  const members = (await listMembers(bearer, org.id)).items;
  for (const member of members) emails.set(member.userId, member.email);
  const rows = members.map((member) => {
    const row = document.createElement("tr");
    let roleCell: string | Node = member.role;
    if (can.manage(org.role)) {
      const select = document.createElement("select");
      select.setAttribute("aria-label", `Role of ${member.email}`);
      select.append(...roles.map((role) => new Option(role, role, false, role === member.role)));
      select.addEventListener("change", () => void attempt(async () => {
        await setRole(bearer, org.id, member.userId, select.value as OrgRole);
        await show(bearer, org.id);
      }));
      roleCell = select;
    }
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "button danger";
    remove.textContent = "Remove";
    remove.setAttribute("aria-label", `Remove ${member.email}`);
    remove.hidden = !can.manage(org.role);
    remove.addEventListener("click", () => void attempt(async () => {
      await removeMember(bearer, org.id, member.userId);
      await show(bearer, org.id);
    }));
    row.append(cell(member.email), cell(roleCell), cell(remove));
    return row;
  });
  element("members").replaceChildren(...rows);
}

function keyCard(bearer: string, org: OrgSummary, provider: Provider, saved: SavedKey | undefined, rotation: RotationStatus | undefined): HTMLElement {
  const card = document.createElement("article");
  card.className = "provider";
  const heading = Object.assign(document.createElement("h3"), { textContent: providerNames[provider] });
  const state = Object.assign(document.createElement("p"), {
    className: "provider-state",
    textContent: saved ? `${saved.masked} · saved ${formatDate(saved.createdAt)}` : "No key saved.",
  });
  const due = Object.assign(document.createElement("p"), {
    className: rotation?.overdue ? "error" : "hint",
    textContent: rotation ? `${rotation.overdue ? "Overdue for rotation since" : "Due for rotation on"} ${formatDate(rotation.dueAt)}` +
      (rotation.pending ? ` · new key ${rotation.pending.masked} staged` : "") +
      (rotation.previousUsableUntil ? ` · previous key usable until ${formatDate(rotation.previousUsableUntil)}` : "") : "",
    hidden: !rotation,
  });
  const form = document.createElement("form");
  form.noValidate = true;
  const id = `org-key-${provider}`;
  const label = Object.assign(document.createElement("label"), { htmlFor: id, textContent: `${providerNames[provider]} organisation key` });
  const input = Object.assign(document.createElement("input"), { id, type: "password", autocomplete: "off", spellcheck: false });
  const save = Object.assign(document.createElement("button"), { type: "submit", className: "button primary", textContent: saved ? "Stage new key" : "Save" });
  save.setAttribute("aria-label", saved ? `Stage new ${providerNames[provider]} organisation key` : `Save ${providerNames[provider]} organisation key`);
  const rotate = Object.assign(document.createElement("button"), { type: "button", className: "button", textContent: "Test and make active", hidden: !rotation?.pending });
  rotate.setAttribute("aria-label", `Make the staged ${providerNames[provider]} key active`);
  rotate.addEventListener("click", () => void attempt(async () => {
    await rotateOrgKey(bearer, org.id, provider);
    await show(bearer, org.id);
  }));
  const remove = Object.assign(document.createElement("button"), { type: "button", className: "button danger", textContent: "Remove", hidden: !saved });
  remove.setAttribute("aria-label", `Remove ${providerNames[provider]} organisation key`);
  form.append(label, input, Object.assign(document.createElement("p"), { className: "dialog-actions" }));
  form.lastElementChild!.append(save, rotate, remove);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const key = input.value.trim();
    const problem = keyProblem(provider, key);
    if (problem) {
      showError(error, problem);
      return;
    }
    void attempt(async () => {
      // A key already active is rotated in stages: the new one waits as pending until it is tested and made active.
      await (saved ? stageOrgKey(bearer, org.id, provider, key) : saveOrgKey(bearer, org.id, provider, key));
      input.value = "";
      await show(bearer, org.id);
    });
  });
  remove.addEventListener("click", () => void attempt(async () => {
    await removeOrgKey(bearer, org.id, provider);
    await show(bearer, org.id);
  }));
  card.append(heading, state, due, form);
  return card;
}

async function renderAudit(bearer: string, org: OrgSummary): Promise<void> {
  const entries = (await listAudit(bearer, org.id)).items;
  element("audit").replaceChildren(...entries.map((entry) => {
    const row = document.createElement("tr");
    row.append(cell(String(entry.sequence)), cell(formatDate(entry.time)), cell(emails.get(entry.actor) ?? entry.actor), cell(entry.action), cell(entry.target), cell(entry.outcome));
    return row;
  }));
}

async function show(bearer: string, orgId: string): Promise<void> {
  const orgs = (await listOrgs(bearer)).items;
  renderList(bearer, orgs);
  selected = orgs.find((org) => org.id === orgId) ?? null;
  element("org-detail").hidden = selected === null;
  if (!selected) return;
  const org = selected;
  const url = new URL(location.href);
  url.searchParams.set("org", org.id);
  history.replaceState(null, "", url);
  element("org-title").textContent = org.name;
  element("org-role").textContent = org.role;
  element("invite-form").hidden = !can.manage(org.role);
  element("org-keys").hidden = !can.manage(org.role);
  element("org-audit").hidden = !can.readAudit(org.role);
  await renderMembers(bearer, org);
  if (can.manage(org.role)) {
    const saved = new Map((await listOrgKeys(bearer, org.id)).items.map((key) => [key.provider, key]));
    const rotation = await getRotation(bearer, org.id);
    const statuses = new Map(rotation.keys.map((status) => [status.provider, status]));
    element<HTMLInputElement>("max-key-age").value = String(rotation.maxKeyAgeDays);
    element<HTMLInputElement>("vault-uri").value = (await getKeyVault(bearer, org.id)).keyVaultUri ?? "";
    element("org-providers").replaceChildren(...(["openai", "anthropic"] as Provider[]).map((provider) =>
      keyCard(bearer, org, provider, saved.get(provider), statuses.get(provider))));
  }
  if (can.readAudit(org.role)) {
    const usage = await getOrgUsage(bearer, org.id);
    const usageLine = element("org-usage");
    usageLine.hidden = false;
    usageLine.textContent = usage.limit
      ? `${usage.used}/${usage.limit} generations this month with the organisation's keys`
      : `${usage.used} generation${usage.used === 1 ? "" : "s"} this month with the organisation's keys (no cap)`;
    await renderAudit(bearer, org);
  }
  const branding = element("org-branding");
  branding.hidden = !can.manage(org.role);
  // A refresh (after saving a key, say) must not overwrite what the person is typing into the branding form.
  if (branding.dataset.editing !== org.id) {
    element<HTMLInputElement>("brand-name").value = org.branding?.displayName ?? org.name;
    element<HTMLInputElement>("brand-color").value = org.branding?.primaryColor ?? "#4338ca";
    element<HTMLInputElement>("brand-support").value = org.branding?.supportContact ?? "";
  }
  element("org-generations-panel").hidden = !can.manage(org.role);
  if (can.manage(org.role)) {
    const generations = (await listOrgGenerations(bearer, org.id)).items;
    element("org-generations-empty").hidden = generations.length > 0;
    element("org-generations").replaceChildren(...generations.map((generation) => {
      const item = document.createElement("li");
      item.append(Object.assign(document.createElement("strong"), { textContent: generation.packageName ?? generation.status }),
        Object.assign(document.createElement("p"), { className: "hint", textContent: `${formatDate(generation.createdAt)} · ${generation.requirement}` }));
      return item;
    }));
  }
}

function renderList(bearer: string, orgs: OrgSummary[]): void {
  element("org-list").replaceChildren(...orgs.map((org) => {
    const item = document.createElement("li");
    const open = Object.assign(document.createElement("button"), { type: "button", className: "link-button inline-link", textContent: org.name });
    open.addEventListener("click", () => void attempt(() => show(bearer, org.id)));
    item.append(open, Object.assign(document.createElement("p"), { className: "hint", textContent: `Your role: ${org.role}` }));
    return item;
  }));
}

const PENDING_INVITATION = "crewbuilder.pendingInvitation";

/**
 * The invitation this visit came with: read from the link's fragment (then removed from the address bar), or kept
 * for this tab while its visitor signed in. It never goes into a URL a server sees.
 */
function takeInvitation(): string | null {
  const fromLink = invitationFrom(location.hash);
  if (fromLink) history.replaceState(null, "", location.pathname + location.search);
  const token = fromLink ?? sessionStorage.getItem(PENDING_INVITATION);
  sessionStorage.removeItem(PENDING_INVITATION);
  return token;
}

async function start(bearer: string): Promise<void> {
  element("orgs").hidden = false;
  const token = takeInvitation();
  let opened = new URLSearchParams(location.search).get("org");
  if (token) {
    const joined = await acceptInvitation(bearer, token);
    note.hidden = false;
    note.textContent = `You joined ${joined.name} as ${joined.role}.`;
    opened = joined.id;
  }
  const orgs = (await listOrgs(bearer)).items;
  renderList(bearer, orgs);
  if (opened ?? orgs[0]?.id) await show(bearer, (opened ?? orgs[0].id));
}

if (!session) {
  element("orgs-signed-out").hidden = false;
  const invitation = takeInvitation();
  if (invitation) {
    sessionStorage.setItem(PENDING_INVITATION, invitation);
    note.hidden = false;
    note.textContent = "You have been invited to an organisation: sign in to join it.";
  }
} else {
  const bearer = session.token;
  void attempt(() => start(bearer));
  element<HTMLFormElement>("create-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const name = element<HTMLInputElement>("org-name");
    void attempt(async () => {
      const org = await createOrg(bearer, name.value.trim());
      name.value = "";
      await show(bearer, org.id);
    });
  });
  element<HTMLFormElement>("invite-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const created = await invite(bearer, selected!.id, element<HTMLSelectElement>("invite-role").value as OrgRole);
      element("invitation").hidden = false;
      element("invitation-link").textContent = invitationLink(location.origin, created.token);
      await renderAudit(bearer, selected!);
    });
  });
  element<HTMLFormElement>("vault-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const uri = element<HTMLInputElement>("vault-uri").value.trim();
      await setKeyVault(bearer, selected!.id, uri || null);
      await show(bearer, selected!.id);
      note.hidden = false;
      note.textContent = uri ? "The organisation's keys now live in its own Key Vault." : "The organisation's keys are kept by CrewBuilder again.";
    });
  });
  element<HTMLFormElement>("policy-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      await setRotationPolicy(bearer, selected!.id, Number(element<HTMLInputElement>("max-key-age").value));
      await show(bearer, selected!.id);
      note.hidden = false;
      note.textContent = "Rotation policy saved.";
    });
  });
  element<HTMLFormElement>("branding-form").addEventListener("input", () => {
    if (selected) element("org-branding").dataset.editing = selected.id;
  });
  element<HTMLFormElement>("branding-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const file = element<HTMLInputElement>("brand-logo").files?.[0];
      const logoDataUrl = file
        ? await new Promise<string>((resolve, reject) => {
          const reader = new FileReader();
          reader.onload = () => resolve(String(reader.result));
          reader.onerror = () => reject(new Error("The logo could not be read."));
          reader.readAsDataURL(file);
        })
        : selected!.branding?.logoDataUrl;
      const support = element<HTMLInputElement>("brand-support").value.trim();
      await setBranding(bearer, selected!.id, {
        displayName: element<HTMLInputElement>("brand-name").value.trim(),
        primaryColor: element<HTMLInputElement>("brand-color").value,
        supportContact: support || undefined,
        logoDataUrl,
      });
      delete element("org-branding").dataset.editing;
      await show(bearer, selected!.id);
      note.hidden = false;
      note.textContent = "Branding saved.";
    });
  });
  element<HTMLButtonElement>("verify").addEventListener("click", () => void attempt(async () => {
    const verdict = await verifyAudit(bearer, selected!.id);
    element("verdict").textContent = verdict.intact
      ? `Intact: all ${verdict.entries} entries are chained and unchanged.`
      : `Broken: ${verdict.problem}`;
  }));
  element<HTMLButtonElement>("audit-export").addEventListener("click", () => void attempt(async () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await exportAudit(bearer, selected!.id));
    link.download = `audit-${selected!.id}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }));
}
