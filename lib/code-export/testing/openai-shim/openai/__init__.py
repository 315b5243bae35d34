"""A stand-in for the `openai` package, used only by the chat code-export test when the real one
is not installed (PyPI is out of reach on some machines). It keeps the real client's signature for
the calls the snippets make (so an option passed where the SDK would refuse it fails here too),
sends the body as the SDK does (parameters, then extra_body merged in) and streams the SSE reply
as objects with the SDK's attribute names."""
import json as _json
import urllib.request
from types import SimpleNamespace


def _ns(value):
    if isinstance(value, dict):
        return SimpleNamespace(**{k: _ns(v) for k, v in value.items()})
    if isinstance(value, list):
        return [_ns(v) for v in value]
    return value


class _Completions:
    def __init__(self, client):
        self._client = client

    def create(self, *, model, messages, stream=False, reasoning_effort=None, tools=None,
               tool_choice=None, response_format=None, temperature=None, max_tokens=None,
               extra_body=None, extra_headers=None, timeout=None):
        body = {"model": model, "messages": messages, "stream": stream}
        for key, value in (("reasoning_effort", reasoning_effort), ("tools", tools),
                           ("tool_choice", tool_choice), ("response_format", response_format),
                           ("temperature", temperature), ("max_tokens", max_tokens)):
            if value is not None:
                body[key] = value
        body.update(extra_body or {})
        req = urllib.request.Request(self._client.base_url.rstrip("/") + "/chat/completions",
                                     data=_json.dumps(body).encode("utf-8"), method="POST")
        req.add_header("Content-Type", "application/json")
        req.add_header("Authorization", "Bearer " + self._client.api_key)
        res = urllib.request.urlopen(req, timeout=timeout or 60)
        return self._events(res) if stream else _ns(_json.loads(res.read()))

    @staticmethod
    def _events(res):
        for raw in res:
            line = raw.decode("utf-8").rstrip("\r\n")
            if not line.startswith("data:"):
                continue
            data = line[5:].strip()
            if data == "[DONE]":
                return
            chunk = _json.loads(data)
            for choice in chunk.get("choices", []):
                delta = choice.setdefault("delta", {})
                delta.setdefault("content", None)
                delta.setdefault("tool_calls", None)
                for call in delta["tool_calls"] or []:
                    call.setdefault("function", None)
                    if call["function"] is not None:
                        call["function"].setdefault("name", None)
                        call["function"].setdefault("arguments", None)
            yield _ns(chunk)


class OpenAI:
    def __init__(self, *, api_key, base_url):
        self.api_key = api_key
        self.base_url = base_url
        self.chat = SimpleNamespace(completions=_Completions(self))
