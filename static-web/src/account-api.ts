import { callApi, headers, problemFrom, type Page } from "./api";

/** Signing in and the account: who one is, API tokens, one's data. */

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

export interface AuthConfig {
  devSignIn: boolean;
  serverKeyProviders: string[];
  /** The providers CrewBuilder Pro AI runs on here; none: it is not offered. */
  platformKeyProviders: string[];
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

export async function exportMyData(bearer: string, fetcher: typeof fetch = fetch): Promise<Blob> {
  const response = await fetcher("/api/me/export", { headers: headers(bearer) });
  if (!response.ok) throw await problemFrom(response);
  return response.blob();
}

export const deleteAccount = (bearer: string, confirmEmail: string): Promise<void> =>
  callApi<void>("/api/me", { method: "DELETE", body: JSON.stringify({ confirmEmail }), bearer });
