import { element } from "./dom";
import { listHostnames, registerHostname, removeHostname, verifyHostname, type Hostname, type OrgSummary } from "./orgs-api";
import { attempt, tell, type OrgsPage } from "./orgs-page";

/** The organisation's own hostnames: each one's state and, while pending, the TXT record that proves it is theirs. */

function item(page: OrgsPage, org: OrgSummary, hostname: Hostname): HTMLLIElement {
  const entry = document.createElement("li");
  const title = Object.assign(document.createElement("p"), { textContent: `${hostname.hostname}: ${hostname.status === "verified" ? "verified" : "pending"}` });
  entry.append(title);
  if (hostname.status === "pending") {
    const record = document.createElement("p");
    record.className = "hint";
    record.append("Add a TXT record named ", Object.assign(document.createElement("code"), { textContent: hostname.recordName }),
      " with the value ", Object.assign(document.createElement("code"), { textContent: hostname.recordValue }), ", then verify.");
    entry.append(record);
  }
  const actions = Object.assign(document.createElement("p"), { className: "actions" });
  const button = (text: string, className: string, act: () => Promise<void>): HTMLButtonElement => {
    const control = Object.assign(document.createElement("button"), { type: "button", className, textContent: text });
    control.setAttribute("aria-label", `${text} ${hostname.hostname}`);
    control.addEventListener("click", () => void attempt(act));
    return control;
  };
  if (hostname.status === "pending") {
    actions.append(button("Verify", "button", async () => {
      await verifyHostname(page.bearer, org.id, hostname.hostname);
      await renderHostnames(page, org);
      tell(`${hostname.hostname} is verified: it shows ${org.branding?.displayName ?? org.name}'s brand now.`);
    }));
  }
  actions.append(button("Remove", "button danger", async () => {
    await removeHostname(page.bearer, org.id, hostname.hostname);
    await renderHostnames(page, org);
    tell(`${hostname.hostname} is removed.`);
  }));
  entry.append(actions);
  return entry;
}

export async function renderHostnames(page: OrgsPage, org: OrgSummary): Promise<void> {
  const { hostnames } = await listHostnames(page.bearer, org.id);
  element("hostname-list").replaceChildren(...hostnames.map((hostname) => item(page, org, hostname)));
}

export function wireHostnames(page: OrgsPage): void {
  element<HTMLFormElement>("hostname-form").addEventListener("submit", (event) => {
    event.preventDefault();
    void attempt(async () => {
      const org = page.selected()!;
      const input = element<HTMLInputElement>("hostname-input");
      const added = await registerHostname(page.bearer, org.id, input.value.trim());
      input.value = "";
      await renderHostnames(page, org);
      tell(`${added.hostname} is added. Publish its TXT record, then verify it.`);
    });
  });
}
