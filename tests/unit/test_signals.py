"""SIGTERM and SIGHUP in `armsgraph up`: a serving API is asked to shut down; anything else is
interrupted as by Ctrl-C; the handlers before are restored."""

from __future__ import annotations

import os
import signal
from types import SimpleNamespace

import pytest

from api.signals import hold_stop_signals, stop_signals


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_a_serving_api_is_asked_to_shut_down_then_the_next_signal_interrupts(signum: int) -> None:
    before = signal.getsignal(signum)
    api = SimpleNamespace(should_exit=False)
    with stop_signals() as serve_with:
        serve_with(api)
        os.kill(os.getpid(), signum)
        assert api.should_exit is True
        with pytest.raises(KeyboardInterrupt):  # uvicorn re-raises the signal it caught once it is down
            os.kill(os.getpid(), signum)
    assert signal.getsignal(signum) == before


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP])
def test_while_starting_a_signal_interrupts_as_ctrl_c_does(signum: int) -> None:
    with stop_signals(), pytest.raises(KeyboardInterrupt):
        os.kill(os.getpid(), signum)


def test_while_stopping_further_signals_are_held() -> None:
    with stop_signals():
        hold_stop_signals()
        os.kill(os.getpid(), signal.SIGTERM)  # ignored: the test process goes on
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_IGN
