import { ApiProblem, callApi, headers, type Page } from "./api";
import type { GenerationSummary } from "./generations-api";
import { encryptKey, getEncryptionKey, type Provider, type SavedKey } from "./keys";

/** Organisations, members, invitations, organisation keys and the audit log, as the API describes them. */

export type OrgRole = "owner" | "admin" | "member" | "auditor";

export interface OrgBranding {
  displayName?: string;
  primaryColor?: string;
  supportContact?: string;
  logoDataUrl?: string;
  /** The links the footer of the organisation's own hostnames shows. */
  footerLinks?: { label: string; url: string }[];
}

/** One of the organisation's own hostnames, pending until the TXT record carries its token. */
export interface Hostname {
  hostname: string;
  status: "pending" | "verified";
  recordName: string;
  recordType: "TXT";
  recordValue: string;
  registeredAt: string;
  verifiedAt?: string;
}

export interface OrgSummary {
  id: string;
  name: string;
  role: OrgRole;
  createdAt: string;
  keyProviders?: Provider[];
  branding?: OrgBranding;
  /** Whether the organisation runs OpenAI-shaped generations on its own AI endpoint. */
  dedicatedAi?: boolean;
}

export interface Member {
  userId: string;
  email: string;
  role: OrgRole;
  joinedAt: string;
}

export interface AuditEntry {
  sequence: number;
  time: string;
  actor: string;
  action: string;
  target: string;
  clientAddress?: string;
  outcome: string;
}

export type AuditFindingKind = "rewritten" | "swapped" | "moved" | "missing" | "unlinked" | "cutOff" | "forgedCheckpoint";

export interface AuditFinding {
  kind: AuditFindingKind;
  sequence: number;
  detail: string;
}

/** The latest signed checkpoint the log was held to. */
export interface AuditCheckpoint {
  sequence: number;
  time: string;
}

export interface AuditVerification {
  intact: boolean;
  entries: number;
  firstBrokenSequence?: number;
  problem?: string;
  findings: AuditFinding[];
  legacyEntries: number;
  checkpoint?: AuditCheckpoint;
}

/** What each role may do, as the server's role matrix decides; the page only hides what would be refused. */
export const can = {
  manage: (role: OrgRole): boolean => role === "owner" || role === "admin",
  delete: (role: OrgRole): boolean => role === "owner",
  readAudit: (role: OrgRole): boolean => role !== "member",
};

const org = (id: string): string => `/api/orgs/${encodeURIComponent(id)}`;

export const listOrgs = (bearer: string): Promise<{ items: OrgSummary[] }> => callApi("/api/orgs", { bearer });
export const createOrg = (bearer: string, name: string): Promise<OrgSummary> =>
  callApi("/api/orgs", { method: "POST", body: JSON.stringify({ name }), bearer });
export const renameOrg = (bearer: string, id: string, name: string): Promise<void> =>
  callApi(org(id), { method: "PATCH", body: JSON.stringify({ name }), bearer });
export const deleteOrg = (bearer: string, id: string): Promise<void> => callApi(org(id), { method: "DELETE", bearer });
export const listMembers = (bearer: string, id: string): Promise<{ items: Member[] }> => callApi(`${org(id)}/members`, { bearer });
export const setRole = (bearer: string, id: string, userId: string, role: OrgRole): Promise<void> =>
  callApi(`${org(id)}/members/${encodeURIComponent(userId)}`, { method: "PUT", body: JSON.stringify({ role }), bearer });
export const removeMember = (bearer: string, id: string, userId: string): Promise<void> =>
  callApi(`${org(id)}/members/${encodeURIComponent(userId)}`, { method: "DELETE", bearer });
export interface Invitation {
  id: string;
  token: string;
  email: string;
  role: OrgRole;
  expiresAt: string;
}
export interface PendingInvitation {
  id: string;
  email: string;
  role: OrgRole;
  createdAt: string;
  expiresAt: string;
  expired: boolean;
}
const invitations = (id: string): string => `${org(id)}/invitations`;
export const invite = (bearer: string, id: string, email: string, role: OrgRole): Promise<Invitation> =>
  callApi(invitations(id), { method: "POST", body: JSON.stringify({ email, role }), bearer });
export const listInvitations = (bearer: string, id: string): Promise<Page<PendingInvitation>> => callApi(`${invitations(id)}?pageSize=100`, { bearer });
export const resendInvitation = (bearer: string, id: string, invitationId: string): Promise<Invitation> =>
  callApi(`${invitations(id)}/${encodeURIComponent(invitationId)}/resend`, { method: "POST", bearer });
export const revokeInvitation = (bearer: string, id: string, invitationId: string): Promise<void> =>
  callApi(`${invitations(id)}/${encodeURIComponent(invitationId)}`, { method: "DELETE", bearer });
export const acceptInvitation = (bearer: string, token: string): Promise<OrgSummary> =>
  callApi("/api/invitations/accept", { method: "POST", body: JSON.stringify({ token }), bearer });
export const listOrgKeys = (bearer: string, id: string): Promise<{ items: SavedKey[] }> => callApi(`${org(id)}/api-keys`, { bearer });
export async function saveOrgKey(bearer: string, id: string, provider: Provider, key: string): Promise<SavedKey> {
  const encryptedKey = await encryptKey(key, await getEncryptionKey());
  return callApi(`${org(id)}/api-keys/${provider}`, { method: "PUT", body: JSON.stringify({ encryptedKey }), bearer });
}
export const removeOrgKey = (bearer: string, id: string, provider: Provider): Promise<void> =>
  callApi(`${org(id)}/api-keys/${provider}`, { method: "DELETE", bearer });
export interface RotationStatus {
  provider: Provider;
  dueAt: string;
  overdue: boolean;
  pending?: SavedKey;
  previousUsableUntil?: string;
}

export const getRotation = (bearer: string, id: string): Promise<{ maxKeyAgeDays: number; keys: RotationStatus[] }> =>
  callApi(`${org(id)}/rotation`, { bearer });
export const setRotationPolicy = (bearer: string, id: string, maxKeyAgeDays: number): Promise<unknown> =>
  callApi(`${org(id)}/rotation`, { method: "PUT", body: JSON.stringify({ maxKeyAgeDays }), bearer });
export async function stageOrgKey(bearer: string, id: string, provider: Provider, key: string): Promise<SavedKey> {
  const encryptedKey = await encryptKey(key, await getEncryptionKey());
  return callApi(`${org(id)}/api-keys/${provider}/pending`, { method: "PUT", body: JSON.stringify({ encryptedKey }), bearer });
}
export const rotateOrgKey = (bearer: string, id: string, provider: Provider): Promise<unknown> =>
  callApi(`${org(id)}/api-keys/${provider}/rotate`, { method: "POST", bearer });

export interface OrgUsage {
  used: number;
  reserved: number;
  limit?: number;
  remaining?: number;
  periodEnd?: string;
  /** The contract's availability target beside what the status probe measured this period; absent without a target. */
  availability?: { targetPercent: number; measuredPercent?: number; met?: boolean; from: string; to: string };
}

/** How the measured availability compares with the contract's target, in words. */
export function availabilityLine(availability: NonNullable<OrgUsage["availability"]>): string {
  const target = `${availability.targetPercent} %`;
  if (availability.measuredPercent === undefined) return `Availability target ${target}: not measured yet this period.`;
  const verdict = availability.met ? "target met" : "below target";
  return `Availability this period: ${availability.measuredPercent} % measured against a target of ${target} (${verdict}). See the status page for each service.`;
}

export const getOrgUsage = (bearer: string, id: string): Promise<OrgUsage> => callApi(`${org(id)}/usage`, { bearer });
export const listOrgGenerations = (bearer: string, id: string): Promise<Page<GenerationSummary>> => callApi(`${org(id)}/generations`, { bearer });

/** An organisation's HashiCorp Vault as the API shows it: never the secret id or token. */
export interface HashiCorpVault {
  address: string;
  namespace?: string;
  mount?: string;
  pathPrefix?: string;
  auth: "approle" | "token";
  roleId?: string;
}

/** Where an organisation keeps its keys: its Azure Key Vault, its HashiCorp Vault, or (neither) CrewBuilder's storage. */
export interface KeyVaultSetting {
  keyVaultUri?: string;
  hashiCorpVault?: HashiCorpVault;
}

export const getKeyVault = (bearer: string, id: string): Promise<KeyVaultSetting> => callApi(`${org(id)}/key-vault`, { bearer });
export const setKeyVault = (bearer: string, id: string, keyVaultUri: string | null): Promise<KeyVaultSetting> =>
  callApi(`${org(id)}/key-vault`, { method: "PUT", body: JSON.stringify({ keyVaultUri }), bearer });

/** Moves the organisation's keys into its HashiCorp Vault; the secret id or token is encrypted here, like a key. */
export async function setHashiCorpVault(bearer: string, id: string, vault: HashiCorpVault, secret: string): Promise<KeyVaultSetting> {
  const encryptedSecret = await encryptKey(secret, await getEncryptionKey());
  return callApi(`${org(id)}/key-vault`, { method: "PUT", body: JSON.stringify({ hashiCorpVault: { ...vault, encryptedSecret } }), bearer });
}

export interface DedicatedAi {
  kind: "azureOpenAi" | "gateway";
  baseUrl: string;
  apiVersion?: string;
  standardModel: string;
  advancedModel: string;
  maskedKey: string;
  registeredAt: string;
  testedAt: string;
  authentication: "apiKey" | "entraSecret" | "entraCertificate";
  tenantId?: string | null;
  clientId?: string | null;
}

export type DedicatedAiRegistration = Omit<DedicatedAi, "maskedKey" | "registeredAt" | "testedAt" | "advancedModel" | "authentication"> & {
  advancedModel?: string;
  authentication?: DedicatedAi["authentication"];
};

/** The organisation's own AI endpoint, or null when it has none. */
export async function getDedicatedAi(bearer: string, id: string): Promise<DedicatedAi | null> {
  try {
    return await callApi<DedicatedAi>(`${org(id)}/dedicated-ai`, { bearer });
  } catch (problem) {
    if (problem instanceof ApiProblem && problem.status === 404) return null;
    throw problem;
  }
}
export async function registerDedicatedAi(bearer: string, id: string, endpoint: DedicatedAiRegistration, key: string): Promise<DedicatedAi> {
  const encryptedKey = await encryptKey(key, await getEncryptionKey());
  return callApi(`${org(id)}/dedicated-ai`, { method: "PUT", body: JSON.stringify({ ...endpoint, encryptedKey }), bearer });
}
export const testDedicatedAi = (bearer: string, id: string): Promise<DedicatedAi> => callApi(`${org(id)}/dedicated-ai/test`, { method: "POST", bearer });
export const removeDedicatedAi = (bearer: string, id: string): Promise<void> => callApi(`${org(id)}/dedicated-ai`, { method: "DELETE", bearer });

export const listHostnames = (bearer: string, id: string): Promise<{ hostnames: Hostname[] }> => callApi(`${org(id)}/hostnames`, { bearer });
export const registerHostname = (bearer: string, id: string, hostname: string): Promise<Hostname> =>
  callApi(`${org(id)}/hostnames`, { method: "POST", body: JSON.stringify({ hostname }), bearer });
export const verifyHostname = (bearer: string, id: string, hostname: string): Promise<Hostname> =>
  callApi(`${org(id)}/hostnames/${encodeURIComponent(hostname)}/verify`, { method: "POST", bearer });
export const removeHostname = (bearer: string, id: string, hostname: string): Promise<void> =>
  callApi(`${org(id)}/hostnames/${encodeURIComponent(hostname)}`, { method: "DELETE", bearer });

export const setBranding = (bearer: string, id: string, branding: OrgBranding): Promise<OrgBranding> =>
  callApi(`${org(id)}/branding`, { method: "PUT", body: JSON.stringify(branding), bearer });

export const listAudit = (bearer: string, id: string): Promise<Page<AuditEntry>> => callApi(`${org(id)}/audit?pageSize=50`, { bearer });
export const verifyAudit = (bearer: string, id: string): Promise<AuditVerification> => callApi(`${org(id)}/audit/verify`, { bearer });
export async function exportAudit(bearer: string, id: string, fetcher: typeof fetch = fetch): Promise<Blob> {
  const response = await fetcher(`${org(id)}/audit/export`, { headers: headers(bearer) });
  if (!response.ok) throw new Error(`The export failed (${response.status}).`);
  return response.blob();
}

/** An invitation link: the token travels in the fragment, which browsers never send to a server. */
export const invitationLink = (origin: string, token: string): string => `${origin}/orgs#invitation=${encodeURIComponent(token)}`;

/** The invitation token of a link's fragment, if it has one. */
export function invitationFrom(hash: string): string | null {
  const token = new URLSearchParams(hash.replace(/^#/, "")).get("invitation");
  return token?.startsWith("cbi_") ? token : null;
}
