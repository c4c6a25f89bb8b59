"""The kernel client reads a reply already in its socket within one slice, not at the timeout.

nbclient's Output-widget support sends on the shell socket while a poll on it is
pending; the send reads the socket's wake-up signal (course.kernel_client). Here
the same send strands a reply on a real zmq socket pair: jupyter_client's own
channel then returns it only when its timeout ends.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from queue import Empty

import pytest
import zmq
import zmq.asyncio
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.session import Session

from course.kernel_client import POLL_SLICE_SECONDS, SlicedPollChannel

TIMEOUT = 5.0


def _run(coroutine):
    """Run on an event loop of its own: another test in this worker may leave one running."""
    with ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, coroutine).result()


async def _seconds_to_read_a_stranded_reply(channel_class) -> float:
    context = zmq.asyncio.Context()
    grader, kernel = context.socket(zmq.DEALER), context.socket(zmq.DEALER)
    try:
        grader.bind("inproc://shell")
        kernel.connect("inproc://shell")
        session = Session()
        channel = channel_class(grader, session)
        started = time.monotonic()
        waiting = asyncio.ensure_future(channel.get_msg(timeout=TIMEOUT))
        await asyncio.sleep(0.1)  # the poll is pending
        session.send(zmq.Socket.shadow(kernel.underlying), "execute_reply", {"status": "ok"})
        session.send(grader, "comm_msg", {})  # what nbclient's Output widget does meanwhile
        reply = await waiting
        assert reply["header"]["msg_type"] == "execute_reply"
        return time.monotonic() - started
    finally:
        grader.close(linger=0)
        kernel.close(linger=0)
        context.term()


def test_the_stranded_reply_is_real_with_jupyter_clients_channel():
    """What the course's client is for: the stock channel waits out its whole timeout."""
    assert _run(_seconds_to_read_a_stranded_reply(AsyncZMQSocketChannel)) >= TIMEOUT - 0.1


def test_the_sliced_channel_reads_it_within_a_slice():
    seconds = _run(_seconds_to_read_a_stranded_reply(SlicedPollChannel))
    assert seconds < TIMEOUT / 2, seconds
    assert seconds < 0.1 + POLL_SLICE_SECONDS + 1.0


def test_the_sliced_channel_still_times_out():
    async def nothing_comes() -> float:
        context = zmq.asyncio.Context()
        socket = context.socket(zmq.DEALER)
        socket.bind("inproc://quiet")
        started = time.monotonic()
        try:
            with pytest.raises(Empty):
                await SlicedPollChannel(socket, Session()).get_msg(timeout=1.2)
            return time.monotonic() - started
        finally:
            socket.close(linger=0)
            context.term()

    assert 1.1 <= _run(nothing_comes()) < 3


def test_the_validate_button_runs_notebooks_with_the_course_client(tmp_path, monkeypatch):
    """A trainee's Validate: config loaded by nbgrader's own handler, kernel made by its Execute."""
    from nbgrader.preprocessors import Execute
    from nbgrader.server_extensions.validate_assignment.handlers import ValidateAssignmentHandler

    from course.kernel_client import PromptKernelClient
    from course.lab import write_trainee_config

    folder = write_trainee_config(tmp_path / "jupyter")
    monkeypatch.setenv("JUPYTER_CONFIG_PATH", str(folder))
    monkeypatch.chdir(tmp_path)
    config = ValidateAssignmentHandler.load_config(None)  # it uses nothing of the handler
    execute = Execute(config=config)
    execute.kernel_name = "python3"
    assert isinstance(execute.create_kernel_manager().client(), PromptKernelClient)
