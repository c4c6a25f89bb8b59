"""A kernel client that never waits out a timeout for a reply already in its socket.

nbclient (behind nbconvert, nbgrader's Validate and Autograde, and the course's
grader) waits for a cell's reply with one long poll of the shell socket. While
it waits, its support for ipywidgets' Output widget sends comm messages on that
same socket (``nbclient.output_widget``). A send makes libzmq read the
socket's wake-up signal, so a reply that arrived just before it leaves the event
loop nothing to wake on: the poll sees the reply only when its timeout ends,
when pyzmq looks at the socket once more. Module 07's dashboard cell (an Output
widget) waited out the whole cell timeout this way under load: 60 s in
grading, 300 s in a test, with a reply the kernel had sent at once.

Polling in short slices bounds that wait to one slice; a reply in the socket is
read at the next slice's start. Configure it wherever notebooks are executed::

    c.AsyncKernelManager.client_class = "course.kernel_client.PromptKernelClient"

>>> PromptKernelClient.shell_channel_class.default_value.__name__
'SlicedPollChannel'
"""

from __future__ import annotations

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from traitlets import Type

# The longest a reply already in the socket waits to be read.
POLL_SLICE_SECONDS = 0.5


class SlicedPollChannel(AsyncZMQSocketChannel):
    """A channel whose ``get_msg`` looks at its socket again at least every slice."""

    async def get_msg(self, timeout: float | None = None) -> dict:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            wait = POLL_SLICE_SECONDS
            if deadline is not None:
                wait = max(0.0, min(wait, deadline - time.monotonic()))
            try:
                return await super().get_msg(timeout=wait)
            except Empty:
                if deadline is not None and time.monotonic() >= deadline:
                    raise


class PromptKernelClient(AsyncKernelClient):
    """nbclient's usual asynchronous client, with the shell and IOPub channels sliced."""

    shell_channel_class = Type(SlicedPollChannel)
    iopub_channel_class = Type(SlicedPollChannel)


# The dotted name traitlets configuration takes (KernelManager.client_class).
CLIENT_CLASS = f"{__name__}.{PromptKernelClient.__qualname__}"
