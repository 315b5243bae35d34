"""A stand-in for the `requests` package, used only by the code-export test when the real one is
not installed (PyPI is out of reach on some machines). It implements the calls the generated
snippets make, over urllib, so the snippet's Python itself still runs against the simulator."""
import json as _json
import urllib.error
import urllib.request


class Response:
    def __init__(self, status, body):
        self.status_code = status
        self.text = body.decode("utf-8")
        self.ok = 200 <= status < 400

    def json(self):
        return _json.loads(self.text)


def post(url, headers=None, json=None, timeout=None):
    return request("POST", url, headers=headers, json=json, timeout=timeout)


def request(method, url, headers=None, json=None, timeout=None):
    data = None if json is None else _json.dumps(json).encode("utf-8")
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    for name, value in (headers or {}).items():
        req.add_header(name, value)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as res:
            return Response(res.status, res.read())
    except urllib.error.HTTPError as err:
        return Response(err.code, err.read())
