// @vitest-environment node
// jose checks Uint8Array by realm, and jsdom brings another; the browser has one, as node does.
import { compactDecrypt, exportJWK, generateKeyPair } from "jose";
import { describe, expect, it } from "vitest";
import { encryptKey, keyProblem } from "../src/keys";

describe("encryptKey", () => {
  it("makes a compact JWE only the server's private key opens, carrying the key, a nonce and the time", async () => {
    const { publicKey, privateKey } = await generateKeyPair("RSA-OAEP-256", { modulusLength: 2048 });
    const jwk = { ...(await exportJWK(publicKey)), kid: "server-key" };

    const jwe = await encryptKey("sk-" + "proj-secret-key-000000000000", jwk, 1_700_000_000_000);

    expect(jwe.split(".")).toHaveLength(5);
    expect(jwe).not.toContain("secret");
    const { plaintext, protectedHeader } = await compactDecrypt(jwe, privateKey);
    expect(protectedHeader).toMatchObject({ alg: "RSA-OAEP-256", enc: "A256GCM", kid: "server-key" });
    const payload = JSON.parse(new TextDecoder().decode(plaintext));
    expect(payload.key).toBe("sk-" + "proj-secret-key-000000000000");
    expect(payload.iat).toBe(1_700_000_000);
    expect(payload.nonce).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("keyProblem", () => {
  it("accepts keys of the provider's shape and explains the others without repeating them", () => {
    expect(keyProblem("openai", "sk-proj-" + "abcdefghijklmnopqrstuvwxyz")).toBeNull();
    expect(keyProblem("anthropic", "sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz")).toBeNull();
    expect(keyProblem("openai", "sk-ant-" + "api03-abcdefghijklmnopqrstuvwxyz")).toContain("OpenAI");
    expect(keyProblem("anthropic", "not a key at all")).toBe("An Anthropic key starts with sk-ant- and has no spaces.");
  });
});
