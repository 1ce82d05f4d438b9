import { ApiProblem } from "./api";
import { answerClarification, startClarification, type Clarification } from "./clarifications-api";
import type { GenerationSource } from "./generations-api";
import { renderChat, renderRefined } from "./chat";
import { element } from "./dom";
import { currentSession } from "./session";

/** The optional clarification chat before generating; the generation is then given the chat. */

const requirement = element<HTMLTextAreaElement>("requirement");
const submit = element<HTMLButtonElement>("submit");
let chat: Clarification | null = null;
let chatToken: string | null = null;
const chatSection = element<HTMLElement>("chat");
const chatLog = element<HTMLOListElement>("chat-log");
const chatForm = element<HTMLFormElement>("chat-form");
const chatAnswer = element<HTMLTextAreaElement>("chat-answer");
const chatError = element<HTMLParagraphElement>("chat-error");
const chatSend = element<HTMLButtonElement>("chat-send");
const clarifyButton = element<HTMLButtonElement>("clarify");

function showChat(current: Clarification): void {
  chat = current;
  chatSection.hidden = false;
  renderChat(chatLog, current.messages);
  const ready = current.status === "ready";
  chatForm.hidden = ready;
  element<HTMLDivElement>("chat-refined").hidden = !ready;
  if (ready && current.refined) renderRefined(element<HTMLDivElement>("chat-refined-body"), current.refined);
  submit.textContent = "Generate crew with these answers";
}

function showChatError(message: string | null): void {
  chatError.hidden = message === null;
  chatError.textContent = message ?? "";
}

chatForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  if (!chat) return;
  const answer = chatAnswer.value.trim();
  if (!answer) {
    showChatError("Write an answer first, or generate now.");
    chatAnswer.focus();
    return;
  }
  showChatError(null);
  chatSend.disabled = true;
  try {
    showChat(await answerClarification(chat.id, answer, chatToken ?? currentSession()?.token ?? null));
    chatAnswer.value = "";
    (chat?.status === "ready" ? submit : chatAnswer).focus();
  } catch (problem) {
    showChatError(problem instanceof ApiProblem ? problem.explanation : "Your answer did not reach CrewBuilder; please send it again.");
  } finally {
    chatSend.disabled = false;
  }
});

/**
 * Wires the chat to the page's form: `requirementReady` checks (and explains) the requirement first,
 * `showError` says beside it what went wrong.
 */
export function wireClarification(requirementReady: () => boolean, showError: (message: string) => void): void {
  clarifyButton.addEventListener("click", async () => {
    if (!requirementReady()) return;
    clarifyButton.disabled = true;
    try {
      const started = await startClarification(requirement.value.trim(), currentSession()?.token ?? null);
      chatToken = started.accessToken ?? null;
      requirement.readOnly = true;
      clarifyButton.hidden = true;
      showChat(started);
      chatAnswer.focus();
    } catch (problem) {
      showError(problem instanceof ApiProblem ? problem.explanation : "Could not reach CrewBuilder. Is the server running?");
    } finally {
      clarifyButton.disabled = false;
    }
  });
}

/** The chat the generation is given, once one has started. */
export const chatSource = (): GenerationSource | undefined =>
  chat ? { clarificationId: chat.id, clarificationToken: chatToken ?? undefined } : undefined;

export const submitLabel = (): string => (chat ? "Generate crew with these answers" : "Generate crew");

export function setChatBusy(busy: boolean): void {
  clarifyButton.disabled = busy;
  chatSend.disabled = busy;
}
