"""EVPPI of single parameters on a ``dask.distributed`` cluster (imported only when
``evppi(..., client=)`` is given one). The net benefit is held by tasks of the run
(``_dask_common.held``: a worker lost with it loses nothing); each task
computes a block of parameters with the core, the redraws' stream keyed by each parameter's
index in the whole set (``first_index``), so the table equals a local run's bit for bit."""

from __future__ import annotations

from typing import Any

import numpy as np

from impactchain import _core
from impactchain._dask_common import held, run_token, submit

#: Parameters per task.
BLOCK = 8


def _block(nb: np.ndarray, theta: np.ndarray, names: list[str], first: int, settings: dict) -> tuple:
    values, ses, _ = _core.evppi(
        np.asfortranarray(nb), np.asfortranarray(theta), threads=1, names=names, first_index=first, **settings
    )
    return np.asarray(values), np.asarray(ses)


def evppi_on_client(
    client: Any, nb: np.ndarray, theta: np.ndarray, names: list[str], settings: dict
) -> tuple[np.ndarray, np.ndarray]:
    """Values and standard errors of each column of ``theta``, computed on the cluster."""
    name = f"impactchain-evppi-{run_token()}"
    remote_nb = held(client, np.asfortranarray(nb), f"{name}-net-benefit")
    futures = [
        submit(client, _block, remote_nb, theta[:, a : a + BLOCK], names[a : a + BLOCK], a, settings, key=f"{name}-{a}")
        for a in range(0, theta.shape[1], BLOCK)
    ]
    parts = client.gather(futures)
    return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
