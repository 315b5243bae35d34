// A real local OpenID Connect provider for the e2e tests (oauth2-mock-server), plus a tiny control
// port where a test sets who the next sign-in is (the mock has no login screen).
import http from "node:http";
import { OAuth2Server } from "oauth2-mock-server";

const port = Number(process.env.OIDC_PORT ?? 4011);
const controlPort = Number(process.env.OIDC_CONTROL_PORT ?? 4012);
let identity = { email: "oidc-user@example.com", name: "OIDC User" };

const server = new OAuth2Server();
await server.issuer.keys.generate("RS256");
server.service.on("beforeTokenSigning", (token) => {
  token.payload.sub = identity.email;
  token.payload.email = identity.email;
  token.payload.email_verified = true;
  token.payload.name = identity.name;
});
await server.start(port, "localhost");

http
  .createServer((req, res) => {
    if (req.method === "GET") {
      res.end(JSON.stringify(identity));
      return;
    }
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      identity = JSON.parse(body);
      res.end(JSON.stringify(identity));
    });
  })
  .listen(controlPort, "127.0.0.1");

console.log(
  `OIDC provider at ${server.issuer.url}; identity control at http://127.0.0.1:${controlPort}`,
);
