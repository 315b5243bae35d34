// Preloaded into `next start` (scripts/start.mjs): a request Node's HTTP parser refuses before any
// route sees it (a path and headers past Node's 16 KB, a malformed request line) gets the API's one
// JSON error body instead of Node's empty "431" or "400".
import { randomUUID } from "node:crypto";
import http from "node:http";

const statusText = {
  400: "Bad Request",
  408: "Request Timeout",
  431: "Request Header Fields Too Large",
};

function reason(code) {
  if (code === "HPE_HEADER_OVERFLOW") {
    return [
      431,
      `The request's path and headers together are larger than ${Math.round(http.maxHeaderSize / 1024)} KB`,
    ];
  }
  if (code === "ERR_HTTP_REQUEST_TIMEOUT") return [408, "The request took too long to arrive"];
  return [400, "The request is not valid HTTP"];
}

function answer(err, socket) {
  // Nothing to answer on a closed socket, or once a response has begun.
  if (err.code === "ECONNRESET" || !socket.writable || socket._httpMessage?.headersSent) {
    socket.destroy();
    return;
  }
  const [status, message] = reason(err.code);
  const requestId = `req_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const body = JSON.stringify({
    error: {
      code: status,
      type: "invalid_request",
      message,
      param: null,
      source: "studio",
      may_have_been_charged: false,
      request_id: requestId,
    },
  });
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status]}\r\n` +
      "Content-Type: application/json\r\n" +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      "Cache-Control: no-store\r\n" +
      `X-Request-Id: ${requestId}\r\n` +
      "Connection: close\r\n\r\n" +
      body,
  );
}

const createServer = http.createServer;
http.createServer = function (...args) {
  return createServer.apply(this, args).on("clientError", answer);
};
