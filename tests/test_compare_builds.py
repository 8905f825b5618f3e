"""compare_builds must compare fresh builds: a dataset left by an earlier run is deleted whole (its
link, its versions and its lock), or the next build would reuse every old row and print zeros."""

from data_pipeline.build import build
from data_pipeline.layout import versions_dir
from scripts.compare_builds import remove_dataset


def test_a_built_dataset_is_removed_whole(tmp_path):
    article = tmp_path / "a.txt"
    article.write_text("عنوان\n\nقال الوزير إن 20 شخصا وصلوا.\n", encoding="utf-8")
    tables = tmp_path / "tables"
    build([article], tables, workers=1, progress=False)
    assert tables.is_symlink() and versions_dir(tables).is_dir()
    remove_dataset(tables)
    assert not tables.exists() and not tables.is_symlink() and not versions_dir(tables).exists()
    summary = build([article], tables, workers=1, progress=False)
    assert (summary.documents_processed, summary.documents_reused) == (1, 0)
