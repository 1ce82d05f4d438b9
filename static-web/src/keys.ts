import { CompactEncrypt, importJWK, type JWK } from "jose";
import { callApi } from "./api";

export type Provider = "openai" | "anthropic";

export interface SavedKey {
  provider: Provider;
  masked: string;
  status: "untested" | "connected" | "invalid";
  createdAt: string;
  lastTestedAt?: string;
  lastUsedAt?: string;
  rotatedAt?: string;
}

export const providerNames: Record<Provider, string> = { openai: "OpenAI", anthropic: "Anthropic" };

/** Where each provider hands out keys: the "Get your API key" link. */
export const keyPages: Record<Provider, string> = {
  openai: "https://platform.openai.com/api-keys",
  anthropic: "https://console.anthropic.com/settings/keys",
};

/** What the key of a provider must look like; the server checks the same. */
export function keyProblem(provider: Provider, key: string): string | null {
  const shape = provider === "anthropic" ? /^sk-ant-[A-Za-z0-9_-]{23,293}$/ : /^sk-[A-Za-z0-9_-]{17,197}$/;
  if (!shape.test(key) || (provider === "openai" && key.startsWith("sk-ant-"))) {
    return provider === "anthropic"
      ? "An Anthropic key starts with sk-ant- and has no spaces."
      : "An OpenAI key starts with sk- and has no spaces.";
  }
  return null;
}

/**
 * Encrypts a key for the server alone: a compact JWE (RSA-OAEP-256, A256GCM) to its published key, with a
 * fresh nonce and the time, so the server can refuse a replay. The plain key never leaves the browser.
 */
export async function encryptKey(key: string, jwk: JWK & { kid: string }, now = Date.now()): Promise<string> {
  const publicKey = await importJWK(jwk, "RSA-OAEP-256");
  const nonce = crypto.getRandomValues(new Uint8Array(16)).reduce((text, byte) => text + byte.toString(16).padStart(2, "0"), "");
  const payload = new TextEncoder().encode(JSON.stringify({ key, nonce, iat: Math.floor(now / 1000) }));
  return new CompactEncrypt(payload).setProtectedHeader({ alg: "RSA-OAEP-256", enc: "A256GCM", kid: jwk.kid }).encrypt(publicKey);
}

export const getEncryptionKey = (): Promise<JWK & { kid: string }> => callApi("/api/settings/api-keys/encryption-key");

export const listKeys = (bearer: string): Promise<{ items: SavedKey[] }> => callApi("/api/settings/api-keys", { bearer });

/** Saves a key; with the receipt of testing this very key before, the server records it as connected without testing again. */
export async function saveKey(bearer: string, provider: Provider, key: string, testReceipt?: string): Promise<SavedKey> {
  const encryptedKey = await encryptKey(key, await getEncryptionKey());
  return callApi<SavedKey>(`/api/settings/api-keys/${provider}`, { method: "PUT", body: JSON.stringify({ encryptedKey, testReceipt }), bearer });
}

export const removeKey = (bearer: string, provider: Provider): Promise<void> =>
  callApi<void>(`/api/settings/api-keys/${provider}`, { method: "DELETE", bearer });

export interface KeyTestResult {
  result: "connected" | "invalid" | "unreachable";
  key: SavedKey;
}

export const testKey = (bearer: string, provider: Provider): Promise<KeyTestResult> =>
  callApi<KeyTestResult>(`/api/settings/api-keys/${provider}/test`, { method: "POST", bearer });

export interface UnsavedKeyTestResult {
  result: KeyTestResult["result"];
  testReceipt?: string;
}

/** Asks the provider about a typed key without saving it. */
export async function testUnsavedKey(bearer: string, provider: Provider, key: string): Promise<UnsavedKeyTestResult> {
  const encryptedKey = await encryptKey(key, await getEncryptionKey());
  return callApi<UnsavedKeyTestResult>(`/api/settings/api-keys/${provider}/test-unsaved`, { method: "POST", body: JSON.stringify({ encryptedKey }), bearer });
}
