export type GenerationStatus = "queued" | "running" | "completed" | "failed" | "cancelled";
export type StepStatus = "pending" | "running" | "completed" | "failed";

export interface StepProgress {
  name: string;
  status: StepStatus;
  startedAt?: string;
  completedAt?: string;
  /** What the step found or made, once it has done something ("Designed 4 agents: …"). */
  summary?: string;
  /** The tokens the step's model calls spent, and their estimated cost. */
  tokensIn?: number;
  tokensOut?: number;
  costUsd?: number;
  /** The step's work that runs side by side (one part per system assessed, per tool written…). */
  parts?: StepPart[];
}

export interface StepPart {
  name: string;
  status: StepStatus;
  summary?: string;
}

/** The finished project at a glance, and what running the crew is estimated to cost. */
export interface ProjectSummary {
  systemName: string;
  agents: number;
  tasks: number;
  integrations: number;
  complexity: "low" | "medium" | "high";
  runtimeModel: string;
  costPerRunUsd: number;
  runsPerMonth: number;
  costPerMonthUsd: number;
}

/** What the generation itself took. */
export interface GenerationCost {
  seconds: number;
  tokensIn: number;
  tokensOut: number;
  costUsd?: number;
}

export interface GeneratedFile {
  path: string;
  size: number;
}

export interface Generation {
  id: string;
  status: GenerationStatus;
  mode: string;
  steps: StepProgress[];
  progress: number;
  createdAt: string;
  completedAt?: string;
  error?: string;
  files: GeneratedFile[];
  keySource?: "once" | "saved" | "organisation" | "platform" | "server";
  provider?: "openai" | "anthropic";
  model?: string;
  summary?: ProjectSummary;
  cost?: GenerationCost;
  parentId?: string;
  rating?: { stars: number; comment?: string; ratedAt: string };
}

export interface Accepted {
  id: string;
  statusUrl: string;
  /** Only for an anonymous generation: the one secret that can read it. */
  accessToken?: string;
}

/** An RFC 9457 problem from the API, with the field errors it carried. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string | undefined,
    readonly errors: Record<string, string[]>,
  ) {
    super(detail ?? title);
  }

  /** The most useful sentence for a person: a field error if there is one, else the detail. */
  get explanation(): string {
    const first = Object.values(this.errors).flat()[0];
    return first ?? this.detail ?? this.title;
  }
}

async function problemFrom(response: Response): Promise<ApiProblem> {
  try {
    const body = (await response.json()) as { title?: string; detail?: string; errors?: Record<string, string[]> };
    return new ApiProblem(response.status, body.title ?? response.statusText, body.detail, body.errors ?? {});
  } catch {
    return new ApiProblem(response.status, `The server answered ${response.status}.`, undefined, {});
  }
}

export function headers(bearer: string | null, extra: Record<string, string> = {}): Record<string, string> {
  return bearer ? { ...extra, Authorization: `Bearer ${bearer}` } : extra;
}

/** Calls the API and reads its JSON answer, or throws the problem it answered with. */
export async function callApi<T>(url: string, init: RequestInit & { bearer?: string | null } = {}, fetcher: typeof fetch = fetch): Promise<T> {
  const { bearer = null, ...request } = init;
  const response = await fetcher(url, {
    ...request,
    headers: headers(bearer, { Accept: "application/json", ...(request.body ? { "Content-Type": "application/json" } : {}) }),
  });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  return (response.status === 204 ? undefined : await response.json()) as T;
}

/** Which key to use: none given means the server's default order; a key for this generation only arrives encrypted. */
export interface KeyRequest {
  keySource?: "once" | "saved" | "organisation" | "platform" | "server";
  provider?: "openai" | "anthropic";
  encryptedKey?: string;
  /** A paid one-off generation's claim, spent on CrewBuilder Pro AI. */
  credit?: string;
  /** With one's own key: the model every step asks (else the server's default). */
  model?: string;
}

/**
 * Where the generation's requirement comes from instead of the text: a clarification chat (with its token when started
 * without an account), a template, or an earlier generation refined by an instruction.
 */
export type GenerationSource =
  | { clarificationId: string; clarificationToken?: string }
  | { templateId: string }
  | { parentId: string; instruction: string; parentToken?: string };

export function startGeneration(
  requirement: string,
  bearer: string | null = null,
  fetcher: typeof fetch = fetch,
  key: KeyRequest = {},
  source?: GenerationSource,
): Promise<Accepted> {
  return callApi<Accepted>("/api/generations", { method: "POST", body: JSON.stringify({ requirement, ...key, ...source }), bearer }, fetcher);
}

export interface CrewTemplate {
  id: string;
  name: string;
  description: string;
  requirement: string;
  hints?: string;
  builtIn: boolean;
}

export interface TemplateList {
  builtIn: CrewTemplate[];
  custom: CrewTemplate[];
  customAllowed: boolean;
}

export const listTemplates = (bearer: string | null, fetcher: typeof fetch = fetch): Promise<TemplateList> =>
  callApi<TemplateList>("/api/templates", { bearer }, fetcher);

export const saveTemplateFrom = (generationId: string, name: string, bearer: string, fetcher: typeof fetch = fetch): Promise<CrewTemplate> =>
  callApi<CrewTemplate>("/api/templates", { method: "POST", body: JSON.stringify({ name, generationId }), bearer }, fetcher);

export interface TemplateFields {
  name: string;
  requirement: string;
  hints?: string;
}

export const createTemplate = (fields: TemplateFields, bearer: string, fetcher: typeof fetch = fetch): Promise<CrewTemplate> =>
  callApi<CrewTemplate>("/api/templates", { method: "POST", body: JSON.stringify(fields), bearer }, fetcher);

export const updateTemplate = (id: string, fields: TemplateFields, bearer: string, fetcher: typeof fetch = fetch): Promise<CrewTemplate> =>
  callApi<CrewTemplate>(`/api/templates/${encodeURIComponent(id)}`, { method: "PUT", body: JSON.stringify(fields), bearer }, fetcher);

export const deleteTemplate = (id: string, bearer: string, fetcher: typeof fetch = fetch): Promise<void> =>
  callApi<void>(`/api/templates/${encodeURIComponent(id)}`, { method: "DELETE", bearer }, fetcher);

export const rateGeneration = (id: string, stars: number, comment: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<Generation> =>
  callApi<Generation>(`${statusUrl(id)}/rating`, { method: "PUT", body: JSON.stringify({ stars, comment: comment || undefined }), bearer }, fetcher);

export interface Forecast {
  inputTokens: number;
  outputTokens: number;
  costUsd?: number;
  standardModel: string;
  advancedModel: string;
}

export const forecastGeneration = (requirement: string, provider?: string, fetcher: typeof fetch = fetch): Promise<Forecast> =>
  callApi<Forecast>("/api/generations/forecast", { method: "POST", body: JSON.stringify({ requirement, provider }), bearer: null }, fetcher);

export interface ChatMessage {
  role: "assistant" | "user";
  text: string;
  at: string;
}

export interface RefinedRequirement {
  summary: string;
  features: string[];
  constraints: string[];
  successCriteria: string[];
  assumptions: string[];
  outOfScope: string[];
}

export interface Clarification {
  id: string;
  requirement: string;
  status: "asking" | "ready";
  messages: ChatMessage[];
  refined?: RefinedRequirement;
  usesModel: boolean;
  /** Only when started without an account: the one secret that can continue the chat. */
  accessToken?: string;
}

export function startClarification(requirement: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<Clarification> {
  return callApi<Clarification>("/api/clarifications", { method: "POST", body: JSON.stringify({ requirement }), bearer }, fetcher);
}

export function answerClarification(id: string, message: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<Clarification> {
  return callApi<Clarification>(`/api/clarifications/${encodeURIComponent(id)}/messages`, { method: "POST", body: JSON.stringify({ message }), bearer }, fetcher);
}

export function getGeneration(statusUrl: string, bearer: string | null = null, fetcher: typeof fetch = fetch): Promise<Generation> {
  return callApi<Generation>(statusUrl, { bearer }, fetcher);
}

/** Downloads the project zip with the caller's credentials (a plain link cannot send them) and hands it to the browser. */
export async function downloadArtifact(id: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<{ blob: Blob; fileName: string }> {
  const response = await fetcher(artifactUrl(id), { headers: headers(bearer) });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  const disposition = response.headers.get("Content-Disposition") ?? "";
  const fileName = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition)?.[1] ?? "crew.zip";
  return { blob: await response.blob(), fileName: decodeURIComponent(fileName) };
}

/** Stops a queued or running generation; answers with it as cancelled. */
export async function cancelGeneration(id: string, bearer: string | null, fetcher: typeof fetch = fetch): Promise<Generation> {
  const response = await fetcher(statusUrl(id), { method: "DELETE", headers: headers(bearer) });
  if (!response.ok) {
    throw await problemFrom(response);
  }
  return (await response.json()) as Generation;
}

export const statusUrl = (id: string): string => `/api/generations/${encodeURIComponent(id)}`;
export const artifactUrl = (id: string): string => `${statusUrl(id)}/artifact`;

export interface Me {
  id: string;
  email: string;
  displayName: string;
  plan: string;
  organisations: unknown[];
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt?: string;
  expiresAt: string;
}

export interface CreatedToken extends ApiToken {
  token: string;
}

export interface GenerationSummary {
  id: string;
  status: GenerationStatus;
  mode: string;
  progress: number;
  requirement: string;
  packageName?: string;
  createdAt: string;
  completedAt?: string;
}

export interface Page<T> {
  items: T[];
  continuationToken?: string;
}

export interface AuthConfig {
  devSignIn: boolean;
  serverKeyProviders: string[];
  authority?: string;
  audience?: string;
  clientId?: string;
  scope?: string;
}

export const getAuthConfig = (): Promise<AuthConfig> => callApi<AuthConfig>("/api/auth/config");

export const devSignIn = (email: string, displayName: string, plan: string): Promise<{ token: string; expiresAt: string }> =>
  callApi("/api/dev/sign-in", { method: "POST", body: JSON.stringify({ email, displayName: displayName || null, plan }) });

export const getMe = (bearer: string): Promise<Me> => callApi<Me>("/api/me", { bearer });

export const listTokens = (bearer: string): Promise<Page<ApiToken>> => callApi<Page<ApiToken>>("/api/tokens", { bearer });

export const createToken = (bearer: string, name: string, scopes: string[], expiresInDays: number): Promise<CreatedToken> =>
  callApi<CreatedToken>("/api/tokens", { method: "POST", body: JSON.stringify({ name, scopes, expiresInDays }), bearer });

export const revokeToken = (bearer: string, id: string): Promise<void> =>
  callApi<void>(`/api/tokens/${encodeURIComponent(id)}`, { method: "DELETE", bearer });

export function listGenerations(bearer: string, continuationToken?: string): Promise<Page<GenerationSummary>> {
  const query = new URLSearchParams({ pageSize: "10" });
  if (continuationToken) query.set("continuationToken", continuationToken);
  return callApi<Page<GenerationSummary>>(`/api/generations?${query}`, { bearer });
}

export async function exportMyData(bearer: string, fetcher: typeof fetch = fetch): Promise<Blob> {
  const response = await fetcher("/api/me/export", { headers: headers(bearer) });
  if (!response.ok) throw await problemFrom(response);
  return response.blob();
}

export const deleteAccount = (bearer: string, confirmEmail: string): Promise<void> =>
  callApi<void>("/api/me", { method: "DELETE", body: JSON.stringify({ confirmEmail }), bearer });
