/** Where the browser keeps its credentials: the signed-in person's token, and each anonymous generation's access token. */

const USER_KEY = "crewbuilder.session";
const GENERATION_PREFIX = "crewbuilder.generation.";

export interface Session {
  token: string;
  expiresAt: string;
}

export function currentSession(storage: Storage = localStorage, now = Date.now()): Session | null {
  const raw = storage.getItem(USER_KEY);
  if (!raw) return null;
  try {
    const session = JSON.parse(raw) as Session;
    if (typeof session.token === "string" && Date.parse(session.expiresAt) > now) return session;
  } catch {
    // A damaged entry is as good as none.
  }
  storage.removeItem(USER_KEY);
  return null;
}

export function signIn(session: Session, storage: Storage = localStorage): void {
  storage.setItem(USER_KEY, JSON.stringify(session));
}

export function signOut(storage: Storage = localStorage): void {
  storage.removeItem(USER_KEY);
}

/**
 * Anonymous generations are readable only with the access token returned when they were created. It is kept in this
 * browser (every tab, and after a restart); a link made to share the result carries it in the URL's fragment, which
 * browsers never send to a server.
 */
export function rememberGenerationToken(id: string, token: string, storage: Storage = localStorage): void {
  storage.setItem(GENERATION_PREFIX + id, token);
}

export function generationToken(id: string, storage: Storage = localStorage): string | null {
  return storage.getItem(GENERATION_PREFIX + id);
}

/**
 * The bearer token to act on a generation with: that generation's own access token when this browser holds one (it was
 * made without an account, here or by whoever shared its link, and stays theirs after they sign in), else the person's.
 */
export function bearerFor(generationId?: string): string | null {
  return (generationId ? generationToken(generationId) : null) ?? currentSession()?.token ?? null;
}

const TOKEN_PARAMETER = "token";

/** The address that opens a result: an anonymous one carries its access token in the fragment. */
export function resultLink(id: string, base: string, storage: Storage = localStorage): string {
  const url = new URL(`/generate?id=${encodeURIComponent(id)}`, base);
  const token = generationToken(id, storage);
  if (token) url.hash = `${TOKEN_PARAMETER}=${encodeURIComponent(token)}`;
  return url.toString();
}

/**
 * Keeps the access token a result link brought, for the generation the link names; returns the address without it,
 * to put in the address bar, or null when the address carried none.
 */
export function takeTokenFromLink(href: string, storage: Storage = localStorage): string | null {
  const url = new URL(href);
  const token = new URLSearchParams(url.hash.slice(1)).get(TOKEN_PARAMETER);
  if (!token) return null;
  const id = url.searchParams.get("id");
  if (id) rememberGenerationToken(id, token, storage);
  url.hash = "";
  return url.toString().replace(/#$/, "");
}
