"""A hub user's browser, in Python: the requests JupyterLab makes, and nothing else.

Logs in through the hub's login form, waits for the server to spawn the way the
spawn-pending page does, then calls the single-user server as JupyterLab does
(cookies plus the ``X-XSRFToken`` header): the contents API, nbgrader's
Assignments and Validate endpoints, and a kernel over its websocket.
"""

from __future__ import annotations

import json
import re
import time
import uuid

import requests
import websocket

COURSE_ID = "therapeutic-alliance"


class HubUser:
    def __init__(self, hub_url: str, name: str):
        self.hub_url, self.name = hub_url, name
        self.http = requests.Session()
        self.server = f"{hub_url}/user/{name}"

    def login(self, password: str) -> requests.Response:
        """Fill in and post the hub's login form; the hub then starts the user's server."""
        form = self.http.get(f"{self.hub_url}/hub/login", timeout=30)
        form.raise_for_status()
        xsrf = re.search(r'name="_xsrf"\s+value="([^"]+)"', form.text)
        data = {"username": self.name, "password": password}
        if xsrf:
            data["_xsrf"] = xsrf.group(1)
        return self.http.post(f"{self.hub_url}/hub/login", data=data, timeout=60)

    def wait_for_lab(self, timeout: float = 180) -> None:
        """Load /user/NAME/lab until the server answers (through the hub's OAuth handshake)."""
        deadline = time.monotonic() + timeout
        while True:
            page = self.http.get(f"{self.server}/lab", timeout=60)
            if page.status_code == 200 and page.url.startswith(f"{self.server}/lab"):
                return
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.name}'s server did not start: {page.url} {page.text}")
            time.sleep(1)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """A call to the user's own server, with the XSRF header JupyterLab sends."""
        xsrf = self.http.cookies.get("_xsrf", path=f"/user/{self.name}/") or self.http.cookies.get(
            "_xsrf"
        )
        headers = {"X-XSRFToken": xsrf} if xsrf else {}
        return self.http.request(
            method, f"{self.server}/{path}", headers=headers, timeout=600, **kwargs
        )

    def json(self, method: str, path: str, **kwargs):
        response = self.request(method, path, **kwargs)
        assert response.status_code in (200, 201), f"{method} {path}: {response.status_code}"
        return response.json()

    # nbgrader's Assignments panel (assignment_list server extension)
    def assignments(self) -> dict[str, dict]:
        listed = self.json("GET", f"assignments?course_id={COURSE_ID}")
        assert listed["success"], listed
        return {f"{a['assignment_id']}:{a['status']}": a for a in listed["value"]}

    def assignment_action(self, action: str, module: str) -> dict:
        data = {"course_id": COURSE_ID, "assignment_id": module}
        result = self.json("POST", f"assignments/{action}", data=data)
        assert result.get("success", True) is not False, result
        return result

    # the Validate button (validate_assignment server extension)
    def validate(self, path: str) -> dict:
        return self.json("POST", "assignments/validate", data={"path": path})

    # the contents API (opening and saving a notebook)
    def read(self, path: str) -> dict:
        return self.json("GET", f"api/contents/{path}?content=1")

    def save_notebook(self, path: str, notebook: dict) -> None:
        body = {"type": "notebook", "format": "json", "content": notebook}
        response = self.request("PUT", f"api/contents/{path}", json=body)
        assert response.status_code in (200, 201), response.text

    def run_code(self, code: str, timeout: float = 120) -> str:
        """Run ``code`` in a new kernel of the user's server; return what it printed."""
        kernel = self.json("POST", "api/kernels", json={"name": "python3"})
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.http.cookies)
        ws_url = (
            self.server.replace("http://", "ws://", 1) + f"/api/kernels/{kernel['id']}/channels"
        )
        ws = websocket.create_connection(ws_url, header=[f"Cookie: {cookies}"], timeout=timeout)
        try:
            msg_id = uuid.uuid4().hex
            header = {
                "msg_id": msg_id,
                "msg_type": "execute_request",
                "username": self.name,
                "session": uuid.uuid4().hex,
                "version": "5.3",
            }
            content = {"code": code, "silent": False, "store_history": False}
            ws.send(
                json.dumps(
                    {
                        "header": header,
                        "parent_header": {},
                        "metadata": {},
                        "content": content,
                        "channel": "shell",
                    }
                )
            )
            printed = []
            while True:
                message = json.loads(ws.recv())
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind = message["msg_type"]
                if kind == "stream":
                    printed.append(message["content"]["text"])
                elif kind == "error":
                    printed.append("\n".join(message["content"]["traceback"]))
                elif kind == "status" and message["content"]["execution_state"] == "idle":
                    return "".join(printed)
        finally:
            ws.close()
            self.request("DELETE", f"api/kernels/{kernel['id']}")
