"""Run the extraction stages on a Dask distributed cluster.

``marsad build ... --scheduler tcp://HOST:8786`` sends batches of documents to the cluster's
workers, each of which runs the same ``pipeline.process_document`` as a local build, and
gathers the rows batch by batch, in input order; the driver writes them as the local build does
(a chunk of at most ``build.FLUSH_ROWS`` rows per table at a time, each released once written).
Workers need the ``marsad`` package installed (``pip install marsad`` or ``pip install -e .`` on
each machine); nothing else is shared. Weak: the driver reads every input document (with its
text) before it sends the first batch, so the input, not the rows, bounds the driver's memory;
results of batches not yet consumed wait in the workers' memory.
"""

from __future__ import annotations

from collections.abc import Iterator

from .records import Document

BATCH_SIZE = 64


def _work_batch(docs: list[Document]) -> list[tuple]:
    from .rows import document_rows

    return [document_rows(doc) for doc in docs]


def process_on_cluster(docs: list[Document], scheduler, batch_size: int = BATCH_SIZE) -> Iterator[tuple]:
    """Per-document results (as ``rows.document_rows`` returns them), in input order."""
    from distributed import Client

    client = scheduler if isinstance(scheduler, Client) else Client(scheduler)
    try:
        batches = [docs[i : i + batch_size] for i in range(0, len(docs), batch_size)]
        futures = client.map(_work_batch, batches, pure=False)
        for future in futures:  # in order, so the tables equal a local run's row for row
            yield from future.result()
            future.release()
    finally:
        if client is not scheduler:
            client.close()
