import "./styles.css";
import { ApiProblem, attemptShowing } from "./api";
import { createToken, deleteAccount, exportMyData, getMe, listTokens, revokeToken, type ApiToken } from "./account-api";
import { showProjects } from "./account-projects";
import { element, formatDate, showError } from "./dom";
import { renderAccountNav } from "./nav";
import { fillTable, rowButton } from "./table";
import { currentSession, signOut } from "./session";
import { webhooksOf } from "./webhooks-api";
import { renderWebhooks, wireWebhooks, type WebhookOwner } from "./webhooks-panel";

renderAccountNav();

const session = currentSession();
const bearer = session?.token ?? "";

/** The signed-in person's own webhooks (a Professional or Enterprise plan's). */
const webhooks: WebhookOwner = {
  bearer,
  base: () => webhooksOf(null),
  attempt: (action) => attemptShowing(element<HTMLParagraphElement>("webhooks-error"), action),
};

function renderTokens(tokens: ApiToken[]): void {
  fillTable(element("tokens"), tokens.map((token) => [
    token.name, `${token.prefix}…`, token.scopes.join(", "), formatDate(token.lastUsedAt), formatDate(token.expiresAt),
    rowButton("Revoke", `Revoke ${token.name}`, async () => {
      if (!confirm(`Revoke “${token.name}”? Anything using it stops working at once.`)) return;
      await revokeToken(bearer, token.id);
      await refreshTokens();
    }),
  ]));
}

async function refreshTokens(): Promise<void> {
  renderTokens((await listTokens(bearer)).items);
}

function setUpTokenForm(): void {
  const form = element<HTMLFormElement>("token-form");
  const error = element<HTMLParagraphElement>("token-error");
  const dialog = element<HTMLDialogElement>("token-dialog");
  const secret = element<HTMLElement>("new-token");
  const status = element<HTMLParagraphElement>("copy-status");

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const name = String(data.get("name") ?? "").trim();
    const scopes = data.getAll("scope").map(String);
    if (!name || scopes.length === 0) {
      showError(error, !name ? "Give the token a name." : "Choose at least one scope.");
      return;
    }
    try {
      const created = await createToken(bearer, name, scopes, Number(data.get("expiresInDays")));
      showError(error, null);
      form.reset();
      secret.textContent = created.token;
      status.textContent = "";
      dialog.showModal();
      await refreshTokens();
    } catch (problem) {
      showError(error, problem instanceof ApiProblem ? problem.explanation : "Could not create the token.");
    }
  });

  element<HTMLButtonElement>("copy-token").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(secret.textContent ?? "");
      status.textContent = "Copied to the clipboard.";
    } catch {
      status.textContent = "Copying failed; select the token and copy it yourself.";
    }
  });

  element<HTMLButtonElement>("close-token").addEventListener("click", () => dialog.close());
  dialog.addEventListener("close", () => {
    secret.textContent = ""; // the token is shown once and not kept in the page
  });
}

function saveFile(blob: Blob, fileName: string): void {
  const link = document.createElement("a");
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
}

function setUpDataSection(): void {
  element<HTMLButtonElement>("export").addEventListener("click", async () => {
    saveFile(await exportMyData(bearer), "crewbuilder-data-export.json");
  });

  const dialog = element<HTMLDialogElement>("delete-dialog");
  const form = element<HTMLFormElement>("delete-form");
  const error = element<HTMLParagraphElement>("delete-error");
  element<HTMLButtonElement>("delete-account").addEventListener("click", () => {
    form.reset();
    showError(error, null);
    dialog.showModal();
  });
  form.addEventListener("submit", async (event) => {
    if ((event.submitter as HTMLButtonElement | null)?.value !== "delete") return;
    event.preventDefault();
    try {
      await deleteAccount(bearer, String(new FormData(form).get("confirmEmail") ?? "").trim());
      signOut();
      location.assign("/?account=deleted");
    } catch (problem) {
      showError(error, problem instanceof ApiProblem ? problem.explanation : "The account could not be deleted; please try again.");
    }
  });
}

if (!session) {
  element<HTMLElement>("signed-out").hidden = false;
} else {
  // Handlers first, so nothing on the page can be used before it works.
  setUpDataSection();
  setUpTokenForm();
  wireWebhooks(webhooks);
  try {
    const me = await getMe(bearer);
    element<HTMLElement>("account").hidden = false;
    element<HTMLElement>("profile-email").textContent = me.email;
    element<HTMLElement>("profile-name").textContent = me.displayName;
    element<HTMLElement>("profile-plan").textContent = me.plan.charAt(0).toUpperCase() + me.plan.slice(1);
    const tokensAllowed = me.plan === "professional" || me.plan === "enterprise";
    element<HTMLElement>("tokens-available").hidden = !tokensAllowed;
    element<HTMLElement>("tokens-unavailable").hidden = tokensAllowed;
    element<HTMLElement>("webhooks-available").hidden = !tokensAllowed;
    element<HTMLElement>("webhooks-unavailable").hidden = tokensAllowed;
    await Promise.all([showProjects(bearer), tokensAllowed ? refreshTokens() : Promise.resolve(), tokensAllowed ? renderWebhooks(webhooks) : Promise.resolve()]);
  } catch (problem) {
    if (problem instanceof ApiProblem && problem.status === 401) {
      signOut();
      location.assign("/signin?next=/account");
    } else {
      throw problem;
    }
  }
}
