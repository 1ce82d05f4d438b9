import { describe, expect, it } from "vitest";
import { ApiProblem } from "../src/api";
import { artifactUrl, downloadArtifact, getGeneration, startGeneration } from "../src/generations-api";

const respond = (status: number, body: unknown, contentType = "application/json"): typeof fetch =>
  (async () => new Response(typeof body === "string" ? body : JSON.stringify(body), { status, headers: { "Content-Type": contentType } })) as typeof fetch;

describe("startGeneration", () => {
  it("returns the id and status URL of an accepted generation", async () => {
    const accepted = await startGeneration("a requirement long enough", null, respond(202, { id: "abc", statusUrl: "/api/generations/abc" }));
    expect(accepted).toEqual({ id: "abc", statusUrl: "/api/generations/abc" });
  });

  it("sends the requirement as JSON", async () => {
    let sent: RequestInit | undefined;
    const capture = (async (_url: string, init?: RequestInit) => {
      sent = init;
      return new Response(JSON.stringify({ id: "x", statusUrl: "/x" }), { status: 202 });
    }) as typeof fetch;
    await startGeneration("Triage the inbox and draft replies", null, capture);
    expect(sent?.method).toBe("POST");
    expect(JSON.parse(String(sent?.body))).toEqual({ requirement: "Triage the inbox and draft replies" });
  });

  it("sends the layout chosen", async () => {
    let sent: RequestInit | undefined;
    const capture = (async (_url: string, init?: RequestInit) => {
      sent = init;
      return new Response(JSON.stringify({ id: "x", statusUrl: "/x" }), { status: 202 });
    }) as typeof fetch;
    await startGeneration("Triage the inbox and draft replies", null, capture, {}, undefined, "json");
    expect(JSON.parse(String(sent?.body))).toEqual({ requirement: "Triage the inbox and draft replies", layout: "json" });
  });

  it("turns a validation problem into an explanation from its field errors", async () => {
    const problem = { type: "https://crewbuilder.dev/problems/validation", title: "The request is not valid.", status: 422,
      detail: "See 'errors' for what to change.", errors: { requirement: ["Describe what the crew should do in 20 to 10,000 characters (you sent 5)."] } };
    const error = await startGeneration("short", null, respond(422, problem, "application/problem+json")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    expect((error as ApiProblem).status).toBe(422);
    expect((error as ApiProblem).explanation).toBe("Describe what the crew should do in 20 to 10,000 characters (you sent 5).");
  });

  it("still explains an error whose body is not JSON", async () => {
    const error = (await startGeneration("x".repeat(30), null, respond(502, "Bad gateway", "text/plain")).catch((e: unknown) => e)) as ApiProblem;
    expect(error.explanation).toBe("The server answered 502.");
  });
});

describe("getGeneration", () => {
  it("raises a 404 problem for an unknown generation", async () => {
    const error = (await getGeneration("/api/generations/nope", null, respond(404, { title: "No such generation.", status: 404 })).catch((e: unknown) => e)) as ApiProblem;
    expect(error.status).toBe(404);
    expect(error.explanation).toBe("No such generation.");
  });
});

describe("credentials", () => {
  it("sends the bearer token it is given and no Authorization header without one", async () => {
    const seen: (string | null)[] = [];
    const capture = (async (_url: string, init?: RequestInit) => {
      seen.push(new Headers(init?.headers).get("Authorization"));
      return new Response(JSON.stringify({ id: "x" }), { status: 200 });
    }) as typeof fetch;
    await getGeneration("/api/generations/x", "cbg_secret", capture);
    await getGeneration("/api/generations/x", null, capture);
    expect(seen).toEqual(["Bearer cbg_secret", null]);
  });

  it("downloads the zip with the bearer token and keeps the server's file name", async () => {
    let authorization: string | null = null;
    const capture = (async (_url: string, init?: RequestInit) => {
      authorization = new Headers(init?.headers).get("Authorization");
      return new Response(new Uint8Array([80, 75]), {
        status: 200,
        headers: { "Content-Type": "application/zip", "Content-Disposition": "attachment; filename=support_inbox_crew.zip; filename*=UTF-8''support_inbox_crew.zip" },
      });
    }) as typeof fetch;
    const { blob, fileName } = await downloadArtifact("abc", "cbg_secret", capture);
    expect(authorization).toBe("Bearer cbg_secret");
    expect(fileName).toBe("support_inbox_crew.zip");
    expect(blob.size).toBe(2);
  });
});

describe("artifactUrl", () => {
  it("escapes the id", () => {
    expect(artifactUrl("a/b")).toBe("/api/generations/a%2Fb/artifact");
  });
});
