import { element, formatDate } from "./dom";
import { availabilityLine, exportAudit, getOrgUsage, listAudit, listOrgGenerations, verifyAudit, type AuditVerification, type OrgSummary } from "./orgs-api";
import { attempt, memberEmails, type OrgsPage } from "./orgs-page";
import { fillTable } from "./table";

/** What was done with the organisation: its generations and usage this month, and the audit log with its check and export. */

export async function renderUsage(bearer: string, org: OrgSummary): Promise<void> {
  const usage = await getOrgUsage(bearer, org.id);
  const usageLine = element("org-usage");
  usageLine.hidden = false;
  usageLine.textContent = usage.limit
    ? `${usage.used}/${usage.limit} generations this month with the organisation's keys`
    : `${usage.used} generation${usage.used === 1 ? "" : "s"} this month with the organisation's keys (no cap)`;
  const availability = element("org-availability");
  availability.hidden = !usage.availability;
  availability.textContent = usage.availability ? availabilityLine(usage.availability) : "";
}

export async function renderGenerations(bearer: string, org: OrgSummary): Promise<void> {
  const generations = (await listOrgGenerations(bearer, org.id)).items;
  element("org-generations-empty").hidden = generations.length > 0;
  element("org-generations").replaceChildren(...generations.map((generation) => {
    const item = document.createElement("li");
    const open = Object.assign(document.createElement("a"), {
      href: `/generate?id=${encodeURIComponent(generation.id)}`, textContent: generation.name ?? generation.packageName ?? generation.status,
    });
    item.append(open,
      Object.assign(document.createElement("p"), { className: "hint", textContent: `${formatDate(generation.createdAt)} · ${generation.requirement}` }));
    return item;
  }));
}

export async function renderAudit(bearer: string, org: OrgSummary): Promise<void> {
  const entries = (await listAudit(bearer, org.id)).items;
  fillTable(element("audit"), entries.map((entry) =>
    [String(entry.sequence), formatDate(entry.time), memberEmails.get(entry.actor) ?? entry.actor, entry.action, entry.target, entry.outcome]));
}

export function wireAudit(page: OrgsPage): void {
  element<HTMLButtonElement>("verify").addEventListener("click", () => void attempt(async () => {
    const verdict = await verifyAudit(page.bearer, page.selected()!.id);
    element("verdict").textContent = verdictText(verdict);
    element("findings").replaceChildren(...verdict.findings.map((finding) =>
      Object.assign(document.createElement("li"), { textContent: finding.detail })));
  }));
  element<HTMLButtonElement>("audit-export").addEventListener("click", () => void attempt(async () => {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await exportAudit(page.bearer, page.selected()!.id));
    link.download = `audit-${page.selected()!.id}.csv`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  }));
}

/** The verdict in a sentence: how many entries, what the latest signed checkpoint holds, and how many findings follow. */
export function verdictText(verdict: AuditVerification): string {
  const anchored = verdict.checkpoint
    ? ` The signed checkpoint of ${formatDate(verdict.checkpoint.time)} holds entries 1–${verdict.checkpoint.sequence}.`
    : " No signed checkpoint yet: the first is written within a quarter of an hour.";
  const legacy = verdict.legacyEntries > 0 ? ` ${verdict.legacyEntries} older entries carry the legacy unkeyed chain.` : "";
  return verdict.intact
    ? `Intact: all ${verdict.entries} entries are sealed, in order and unchanged.${anchored}${legacy}`
    : `Broken: ${verdict.findings.length} finding${verdict.findings.length === 1 ? "" : "s"}, the first at entry ${verdict.firstBrokenSequence}.${anchored}`;
}
