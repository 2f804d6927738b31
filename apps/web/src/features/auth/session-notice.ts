/** A note for the login page, e.g. "your session expired", set when a session is lost. */
let notice: string | undefined;

export function setSessionNotice(text: string): void {
  notice = text;
}

/** The pending note, if any; it stays until cleared so that re-renders show it too. */
export function readSessionNotice(): string | undefined {
  return notice;
}

export function clearSessionNotice(): void {
  notice = undefined;
}
