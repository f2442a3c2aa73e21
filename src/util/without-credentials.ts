/** A URL's scheme, its optional user information, its host and path, and its query or fragment. */
const URL_PATTERN = /\b([a-z][a-z0-9+.-]*:\/\/)(?:[^\s/?#@]*@)?([^\s?#]*)(?:[?#]\S*)?/gi;

/**
 * `text` with every URL cut to scheme, host and path: no `user:password@`, no `?token=`. What a
 * log line, an error or an event may say of a feed's or a venue's address.
 */
export function withoutCredentials(text: string): string {
  return text.replace(URL_PATTERN, '$1$2');
}
