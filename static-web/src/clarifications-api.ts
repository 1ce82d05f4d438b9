import { callApi } from "./api";

/** The clarification chat that sharpens a requirement before it is generated. */

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
