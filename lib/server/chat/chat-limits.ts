// How large a chat request body may be: a conversation filling the 128K-token context is about
// 512 KB of text; JSON escaping and tool schemas can double it. Beyond this, 413 before parsing.
import "server-only";
export const chatBodyLimitBytes = 4 * 1024 * 1024;
